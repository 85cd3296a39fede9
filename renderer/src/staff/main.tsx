import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { StaffApp } from './StaffApp';
import { connectStaffApi } from './staff-api';
import './staff.css';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <StaffApp api={connectStaffApi()} />
  </StrictMode>,
);
