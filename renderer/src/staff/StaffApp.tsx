// The staff console at the desk: log-in, then today's confirmations, a look-up by insurance card
// numbers, the reservation batch check, the disaster-mode medication view and the kiosk's state.
// Every decision is the trusted side's; this page shows what it answers. Idle for the session's
// timeout, it logs out.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { StaffSessionView } from '../../../electron/contract';
import { BatchPage } from './BatchPage';
import { ConfirmationsPage } from './ConfirmationsPage';
import { DisasterPage } from './DisasterPage';
import { KioskStatePage } from './KioskStatePage';
import { LoginPage } from './LoginPage';
import { LookupPage } from './LookupPage';
import type { StaffConnection } from './staff-api';

const PAGES = [
  { id: 'today', label: '本日の受付' },
  { id: 'lookup', label: '個別照会' },
  { id: 'batch', label: '一括照会' },
  { id: 'disaster', label: '災害時閲覧' },
  { id: 'kiosk', label: '端末の状態' },
] as const;
type PageId = (typeof PAGES)[number]['id'];

export function StaffApp({ api }: { api: StaffConnection }) {
  const [session, setSession] = useState<StaffSessionView | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [page, setPage] = useState<PageId>('today');
  const idleTimer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const signedOut = useCallback((message: string | null) => {
    setSession(null);
    setNotice(message);
    setPage('today');
  }, []);

  useEffect(() => {
    api.onSignedOut(() => signedOut('一定時間操作がなかったため、ログアウトしました。'));
  }, [api, signedOut]);

  // The page's own idle timer mirrors the host's: a console left alone shows the log-in again.
  useEffect(() => {
    if (!session) return;
    const arm = () => {
      if (idleTimer.current) clearTimeout(idleTimer.current);
      idleTimer.current = setTimeout(() => {
        void api.logout().finally(() => signedOut('一定時間操作がなかったため、ログアウトしました。'));
      }, session.idleTimeoutMs);
    };
    arm();
    const events = ['pointerdown', 'keydown'] as const;
    for (const name of events) window.addEventListener(name, arm);
    return () => {
      if (idleTimer.current) clearTimeout(idleTimer.current);
      for (const name of events) window.removeEventListener(name, arm);
    };
  }, [api, session, signedOut]);

  if (!session) {
    return (
      <LoginPage
        api={api}
        notice={notice}
        onSignedIn={(view) => {
          setNotice(null);
          setSession(view);
        }}
      />
    );
  }

  return (
    <div className="console">
      <header className="bar">
        <span className="title">受付 職員画面</span>
        <nav aria-label="ページ">
          {PAGES.map((entry) => (
            <button
              key={entry.id}
              type="button"
              aria-current={page === entry.id ? 'page' : undefined}
              onClick={() => setPage(entry.id)}
            >
              {entry.label}
            </button>
          ))}
        </nav>
        <span className="who">
          {session.name}（{session.role === 'admin' ? '管理者' : '職員'}）
        </span>
        <button
          type="button"
          onClick={() => void api.logout().finally(() => signedOut('ログアウトしました。'))}
        >
          ログアウト
        </button>
      </header>
      <main>
        {page === 'today' && <ConfirmationsPage api={api} />}
        {page === 'lookup' && <LookupPage api={api} />}
        {page === 'batch' && <BatchPage api={api} />}
        {page === 'disaster' && <DisasterPage api={api} />}
        {page === 'kiosk' && <KioskStatePage api={api} />}
      </main>
    </div>
  );
}
