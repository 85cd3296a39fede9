// When a cached answer stops being reused: by default at the end of the clinic day it was asked
// for (the day ends at a configured local time, e.g. 04:00 JST, so evening batch results for
// tomorrow's reservations stay valid through tomorrow).
import type { EligibilityConfig } from './config';

type CacheConfig = EligibilityConfig['cache'];

/** The clinic day (YYYY-MM-DD, local) that `at` belongs to. */
export function clinicDayOf(at: Date, cache: CacheConfig): string {
  const [hours, minutes] = cache.dayEndsAt.split(':').map(Number) as [number, number];
  const local = new Date(at.getTime() + (cache.utcOffsetMinutes - hours * 60 - minutes) * 60_000);
  return local.toISOString().slice(0, 10);
}

/** The instant (ms since epoch) the clinic day `day` ends. */
export function clinicDayEnd(day: string, cache: CacheConfig): number {
  const [hours, minutes] = cache.dayEndsAt.split(':').map(Number) as [number, number];
  const midnightUtc = Date.parse(`${day}T00:00:00Z`);
  return midnightUtc + 24 * 3_600_000 + (hours * 60 + minutes - cache.utcOffsetMinutes) * 60_000;
}

export function cacheExpiry(storedAt: Date, forDay: string | undefined, cache: CacheConfig): number {
  if (cache.expiry === 'clinic-day') return clinicDayEnd(forDay ?? clinicDayOf(storedAt, cache), cache);
  return storedAt.getTime() + cache.expiry.hours * 3_600_000;
}
