// The one place the trusted side learns what time it is. Every service, simulator, the logger and
// the command-line tools take a `Clock`; nothing else in electron/ reads the wall clock (a lint
// rule says so). Dates a patient or a clinic sees are Japan's: the clinic day is the calendar date
// at a configured UTC offset (Asia/Tokyo, +09:00, by default; Japan has no daylight saving time).
//
//   const clock = systemClock();                       // production
//   const clock = simulatedClock('2026-11-25T10:00:00+09:00'); // the simulated world's own day
//   clock.now(); clock.today(); // 'YYYY-MM-DD' in Japan

/** Japan Standard Time: UTC+09:00 all year. */
export const JST_OFFSET_MINUTES = 540;

export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  /** The current instant (a fresh Date each call, so callers may not mutate shared state). */
  date(): Date;
  /** Today's calendar date at the clock's UTC offset, `YYYY-MM-DD`. */
  today(): string;
  /** The UTC offset, in minutes, the clock's calendar dates are in (540 for Japan). */
  readonly utcOffsetMinutes: number;
}

export interface LocalDateParts {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
  hours: number;
  minutes: number;
  seconds: number;
}

/** The calendar date and time of `epochMs` at `utcOffsetMinutes`, without the host's time zone. */
export function localParts(epochMs: number, utcOffsetMinutes = JST_OFFSET_MINUTES): LocalDateParts {
  const shifted = new Date(epochMs + utcOffsetMinutes * 60_000);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hours: shifted.getUTCHours(),
    minutes: shifted.getUTCMinutes(),
    seconds: shifted.getUTCSeconds(),
  };
}

/** `YYYY-MM-DD` of `epochMs` at `utcOffsetMinutes`. */
export function localDate(epochMs: number, utcOffsetMinutes = JST_OFFSET_MINUTES): string {
  return new Date(epochMs + utcOffsetMinutes * 60_000).toISOString().slice(0, 10);
}

/** `YYYY-MM-DDTHH:MM:SS+09:00` of `epochMs` at `utcOffsetMinutes` (ISO 8601 with the offset). */
export function localIso(epochMs: number, utcOffsetMinutes = JST_OFFSET_MINUTES): string {
  const body = new Date(epochMs + utcOffsetMinutes * 60_000).toISOString().slice(0, 19);
  const sign = utcOffsetMinutes < 0 ? '-' : '+';
  const abs = Math.abs(utcOffsetMinutes);
  const hh = String(Math.floor(abs / 60)).padStart(2, '0');
  const mm = String(abs % 60).padStart(2, '0');
  return `${body}${sign}${hh}:${mm}`;
}

/** The epoch ms of local midnight starting `YYYY-MM-DD` at `utcOffsetMinutes`. */
export function startOfLocalDay(day: string, utcOffsetMinutes = JST_OFFSET_MINUTES): number {
  return Date.parse(`${day}T00:00:00Z`) - utcOffsetMinutes * 60_000;
}

function clockFrom(now: () => number, utcOffsetMinutes: number): Clock {
  return {
    now,
    date: () => new Date(now()),
    today: () => localDate(now(), utcOffsetMinutes),
    utcOffsetMinutes,
  };
}

/** The machine's clock, read in Japan's time (or another configured offset). */
export function systemClock(utcOffsetMinutes = JST_OFFSET_MINUTES): Clock {
  return clockFrom(() => Date.now(), utcOffsetMinutes);
}

/**
 * A clock that starts at `start` and then runs at real speed (measured on the monotonic clock, so
 * shifting the machine's date does not move it). The simulated world and the tests use it: the
 * fixture PKI, consent windows and card expiry are made for one day, whatever day the suite runs.
 */
export function simulatedClock(start: string | number, utcOffsetMinutes = JST_OFFSET_MINUTES): Clock {
  const startMs = typeof start === 'number' ? start : Date.parse(start);
  if (!Number.isFinite(startMs)) throw new Error(`simulatedClock: not a date: ${String(start)}`);
  const origin = performance.now();
  return clockFrom(() => startMs + Math.round(performance.now() - origin), utcOffsetMinutes);
}

/** A clock that moves only when told: for unit tests of expiry, windows and timeouts. */
export interface ManualClock extends Clock {
  set(at: string | number): void;
  advance(ms: number): void;
}

export function manualClock(start: string | number, utcOffsetMinutes = JST_OFFSET_MINUTES): ManualClock {
  let current = typeof start === 'number' ? start : Date.parse(start);
  if (!Number.isFinite(current)) throw new Error(`manualClock: not a date: ${String(start)}`);
  const clock = clockFrom(() => current, utcOffsetMinutes);
  return {
    ...clock,
    set(at) {
      current = typeof at === 'number' ? at : Date.parse(at);
    },
    advance(ms) {
      current += ms;
    },
  };
}

/** The simulated world's day: the fixture PKI, persons and eligibility records are made for it. */
export const SIMULATED_WORLD_START = '2026-11-25T10:00:00+09:00';
