import { describe, expect, it } from 'vitest';
import {
  checkStaffApiRequest,
  checkStaffPageRequest,
  csrfTokenMatches,
  sessionCookie,
  sessionCookieHeader,
} from './staff-console-guard';

const identity = { scheme: 'http' as const, hosts: ['127.0.0.1:8740', 'localhost:8740'] };
const ours = { host: '127.0.0.1:8740', origin: 'http://127.0.0.1:8740', 'sec-fetch-site': 'same-origin' };

describe('the staff console guard', () => {
  it('answers only to its own host names (no DNS rebinding)', () => {
    expect(checkStaffPageRequest({ host: 'localhost:8740' }, identity)).toMatchObject({ allowed: true });
    expect(checkStaffPageRequest({ host: 'evil.example:8740' }, identity)).toMatchObject({ status: 421 });
  });

  it('takes API calls only from its own origin, same-origin', () => {
    expect(checkStaffApiRequest(ours, identity)).toEqual({ allowed: true, origin: 'http://127.0.0.1:8740' });
    expect(checkStaffApiRequest({ ...ours, origin: 'http://evil.example' }, identity)).toMatchObject({
      status: 403,
    });
    expect(checkStaffApiRequest({ ...ours, origin: undefined }, identity)).toMatchObject({ status: 403 });
    expect(checkStaffApiRequest({ ...ours, 'sec-fetch-site': 'cross-site' }, identity)).toMatchObject({
      status: 403,
    });
  });

  it('reads exactly one session cookie and compares CSRF tokens', () => {
    expect(sessionCookie({ cookie: 'a=1; __Host-uketsuke-staff=abc' })).toBe('abc');
    expect(sessionCookie({ cookie: '__Host-uketsuke-staff=abc; __Host-uketsuke-staff=def' })).toBeUndefined();
    expect(csrfTokenMatches({ 'x-csrf-token': 'token' }, 'token')).toBe(true);
    expect(csrfTokenMatches({ 'x-csrf-token': 'forged' }, 'token')).toBe(false);
    expect(csrfTokenMatches({}, 'token')).toBe(false);
  });

  it('sets the session cookie HttpOnly, Secure and SameSite=Strict', () => {
    expect(sessionCookieHeader('id')).toMatch(/HttpOnly; Secure; SameSite=Strict/);
  });
});
