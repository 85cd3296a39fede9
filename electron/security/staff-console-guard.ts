// Who may talk to the staff console. Like the loopback guard: the exact Host (no DNS rebinding),
// and for every API call our own Origin and a same-origin fetch (other pages cannot fake them).
// The session and its CSRF token are checked by the host after this.
import { secretsMatch } from './loopback-guard';

type Headers = Record<string, string | string[] | undefined>;

export const SESSION_COOKIE = '__Host-uketsuke-staff';
export const CSRF_HEADER = 'x-csrf-token';

export interface StaffConsoleIdentity {
  scheme: 'http' | 'https';
  /** host:port values the console answers to. */
  hosts: readonly string[];
}

export type StaffGuardVerdict =
  { allowed: true; origin: string } | { allowed: false; status: 403 | 421; reason: string };

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function checkStaffPageRequest(headers: Headers, identity: StaffConsoleIdentity): StaffGuardVerdict {
  const host = header(headers, 'host');
  if (!host || !identity.hosts.includes(host.toLowerCase())) {
    return { allowed: false, status: 421, reason: 'wrong host' };
  }
  return { allowed: true, origin: `${identity.scheme}://${host.toLowerCase()}` };
}

export function checkStaffApiRequest(headers: Headers, identity: StaffConsoleIdentity): StaffGuardVerdict {
  const page = checkStaffPageRequest(headers, identity);
  if (!page.allowed) return page;
  if (header(headers, 'origin') !== page.origin)
    return { allowed: false, status: 403, reason: 'foreign origin' };
  const fetchSite = header(headers, 'sec-fetch-site');
  if (fetchSite !== undefined && fetchSite !== 'same-origin') {
    return { allowed: false, status: 403, reason: 'cross-site request' };
  }
  return page;
}

/** The session cookie's value, if the request carries exactly one. */
export function sessionCookie(headers: Headers): string | undefined {
  const cookies = (header(headers, 'cookie') ?? '').split(';').map((part) => part.trim());
  const values = cookies
    .filter((c) => c.startsWith(`${SESSION_COOKIE}=`))
    .map((c) => c.slice(SESSION_COOKIE.length + 1));
  return values.length === 1 ? values[0] : undefined;
}

export function csrfTokenMatches(headers: Headers, expected: string): boolean {
  return secretsMatch(header(headers, CSRF_HEADER), expected);
}

/** HttpOnly (no script reads it), Secure, SameSite=Strict (never sent from another site). */
export function sessionCookieHeader(id: string): string {
  return `${SESSION_COOKIE}=${id}; Path=/; HttpOnly; Secure; SameSite=Strict`;
}

export function clearedSessionCookieHeader(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; Secure; SameSite=Strict; Max-Age=0`;
}
