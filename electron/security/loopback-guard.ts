// Who may talk to the loopback host. It listens on 127.0.0.1 only, but any local process or any web
// page in any browser on this machine could still reach it, so:
// - every request must name our exact host (defeats DNS rebinding),
// - API calls must come from our own origin (browsers set Origin on POST; other pages cannot fake it),
// - and carry the per-start secret, which only the page we opened knows (handed over in the URL
//   fragment, which is never sent over the wire).
import { timingSafeEqual } from 'node:crypto';

export const SECRET_HEADER = 'x-uketsuke-secret';

export interface LoopbackIdentity {
  /** e.g. http://127.0.0.1:43123 */
  origin: string;
  secret: string;
}

export type GuardVerdict = { allowed: true } | { allowed: false; status: 403 | 421; reason: string };

type Headers = Record<string, string | string[] | undefined>;

function header(headers: Headers, name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export function secretsMatch(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function checkPageRequest(headers: Headers, identity: LoopbackIdentity): GuardVerdict {
  if (header(headers, 'host') !== new URL(identity.origin).host) {
    return { allowed: false, status: 421, reason: 'wrong host' };
  }
  return { allowed: true };
}

export function checkApiRequest(headers: Headers, identity: LoopbackIdentity): GuardVerdict {
  const page = checkPageRequest(headers, identity);
  if (!page.allowed) return page;
  if (header(headers, 'origin') !== identity.origin) {
    return { allowed: false, status: 403, reason: 'foreign origin' };
  }
  const fetchSite = header(headers, 'sec-fetch-site');
  if (fetchSite !== undefined && fetchSite !== 'same-origin') {
    return { allowed: false, status: 403, reason: 'cross-site request' };
  }
  if (!secretsMatch(header(headers, SECRET_HEADER), identity.secret)) {
    return { allowed: false, status: 403, reason: 'missing or wrong secret' };
  }
  return { allowed: true };
}
