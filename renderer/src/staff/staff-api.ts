// The staff page's way to the trusted side: the staff part of the same contract, over fetch to
// the staff console host. The session lives in an HttpOnly cookie the page cannot read; the CSRF
// token the log-in answers is kept only in this closure (never in storage) and sent on every call.
import type {
  StaffApi,
  StaffChannel,
  StaffRequests,
  StaffResponses,
  StaffResult,
  StaffSessionView,
} from '../../../electron/contract';

const CSRF_HEADER = 'x-csrf-token';

export interface StaffConnection extends StaffApi {
  login(name: string, passcode: string): Promise<StaffResult<StaffSessionView>>;
  logout(): Promise<void>;
  /** Called when the host says the session is over (idle log-out, restart). */
  onSignedOut(listener: () => void): void;
}

export function connectStaffApi(): StaffConnection {
  let csrfToken = '';
  let signedOut: () => void = () => undefined;

  async function post<T>(path: string, body: unknown): Promise<StaffResult<T>> {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [CSRF_HEADER]: csrfToken },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
    if (response.status === 401) {
      csrfToken = '';
      signedOut();
    }
    if (!response.headers.get('content-type')?.startsWith('application/json')) {
      return { ok: false, error: { code: 'kiosk.bad-request', staffMessage: `HTTP ${response.status}` } };
    }
    return (await response.json()) as StaffResult<T>;
  }

  return {
    invoke<C extends StaffChannel>(channel: C, request: StaffRequests[C]) {
      return post<StaffResponses[C]>(`/staff/api/invoke/${encodeURIComponent(channel)}`, request);
    },
    async login(name, passcode) {
      const result = await post<StaffSessionView>('/staff/api/login', { name, passcode });
      if (result.ok) csrfToken = result.value.csrfToken;
      return result;
    },
    async logout() {
      await post('/staff/api/logout', {});
      csrfToken = '';
    },
    onSignedOut(listener) {
      signedOut = listener;
    },
  };
}
