import { useState, type FormEvent } from 'react';
import type { StaffSessionView } from '../../../electron/contract';
import type { StaffConnection } from './staff-api';

export function LoginPage(props: {
  api: StaffConnection;
  notice: string | null;
  onSignedIn: (session: StaffSessionView) => void;
}) {
  const [name, setName] = useState('');
  const [passcode, setPasscode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const result = await props.api.login(name, passcode);
    setBusy(false);
    setPasscode(''); // never kept after the attempt
    if (result.ok) props.onSignedIn(result.value);
    else setError(result.error.staffMessage);
  };

  return (
    <main className="login">
      <h1>職員ログイン</h1>
      {props.notice && <p role="status">{props.notice}</p>}
      <form onSubmit={(event) => void submit(event)}>
        <label>
          職員名
          <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="username" required />
        </label>
        <label>
          パスコード
          <input
            type="password"
            value={passcode}
            onChange={(e) => setPasscode(e.target.value)}
            autoComplete="current-password"
            required
          />
        </label>
        <button type="submit" disabled={busy}>
          ログイン
        </button>
      </form>
      {error && <p role="alert">{error}</p>}
    </main>
  );
}
