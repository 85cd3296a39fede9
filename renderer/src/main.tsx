import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectKioskApi } from './bridge/kiosk-api';
import { KioskContext } from './hooks/useKiosk';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
root.render(
  <StrictMode>
    <KioskContext.Provider value={connectKioskApi()}>
      <App />
    </KioskContext.Provider>
  </StrictMode>,
);
