import { describe, expect, it } from 'vitest';
import { checkApiRequest, checkPageRequest, SECRET_HEADER } from './loopback-guard';

const identity = { origin: 'http://127.0.0.1:4000', secret: 's3cr3t-value' };
const good = {
  host: '127.0.0.1:4000',
  origin: 'http://127.0.0.1:4000',
  'sec-fetch-site': 'same-origin',
  [SECRET_HEADER]: 's3cr3t-value',
};

describe('loopback guard', () => {
  it('lets our own page call the API', () => {
    expect(checkApiRequest(good, identity)).toEqual({ allowed: true });
  });

  it('refuses a request for another host name (DNS rebinding)', () => {
    expect(checkPageRequest({ ...good, host: 'evil.example:4000' }, identity).allowed).toBe(false);
    expect(checkApiRequest({ ...good, host: 'localhost:4000' }, identity).allowed).toBe(false);
  });

  it('refuses another origin even with the right secret', () => {
    expect(checkApiRequest({ ...good, origin: 'http://127.0.0.1:4001' }, identity).allowed).toBe(false);
    expect(checkApiRequest({ ...good, origin: undefined }, identity).allowed).toBe(false);
    expect(checkApiRequest({ ...good, 'sec-fetch-site': 'cross-site' }, identity).allowed).toBe(false);
  });

  it('refuses a missing, wrong or partial secret', () => {
    expect(checkApiRequest({ ...good, [SECRET_HEADER]: undefined }, identity).allowed).toBe(false);
    expect(checkApiRequest({ ...good, [SECRET_HEADER]: 's3cr3t' }, identity).allowed).toBe(false);
    expect(checkApiRequest({ ...good, [SECRET_HEADER]: 's3cr3t-valuE' }, identity).allowed).toBe(false);
  });
});
