// Refused requests, counted per time window so that a local process hammering the loopback host
// cannot fill the disk with log lines or keep the host busy: the first few refusals of a window
// are logged one by one, the rest only as one summary line when the window is over; past a higher
// count the host stops answering them in full (429, connection closed).
import type { Clock } from '../clock';
import type { LogFields, Logger } from '../log/logger';

export interface RefusalLimits {
  windowMs: number;
  /** Refusals logged one by one per window; the rest are counted in one summary line. */
  loggedPerWindow: number;
  /** Refusals answered normally per window; past it they get 429 and the connection is closed. */
  answeredPerWindow: number;
}

export const DEFAULT_REFUSAL_LIMITS: RefusalLimits = {
  windowMs: 10_000,
  loggedPerWindow: 10,
  answeredPerWindow: 100,
};

export interface RefusalLimiter {
  /** Counts one refusal (logging it if still within the window's share); 'throttle' past the limit. */
  refused(fields: LogFields): 'answer' | 'throttle';
  /** Writes the summary of the current window, if any refusal went unlogged. */
  flush(): void;
}

export function createRefusalLimiter(
  clock: Clock,
  log: Logger,
  limits: RefusalLimits = DEFAULT_REFUSAL_LIMITS,
): RefusalLimiter {
  let windowStart = clock.now();
  let count = 0;

  const flush = () => {
    const unlogged = count - limits.loggedPerWindow;
    if (unlogged > 0) {
      log.warn('loopback.refused-summary', {
        unlogged,
        refused: count,
        windowMs: limits.windowMs,
        throttled: Math.max(0, count - limits.answeredPerWindow),
      });
    }
    count = 0;
  };

  return {
    refused(fields) {
      const now = clock.now();
      if (now - windowStart >= limits.windowMs) {
        flush();
        windowStart = now;
      }
      count += 1;
      if (count <= limits.loggedPerWindow) log.warn('loopback.refused', fields);
      return count <= limits.answeredPerWindow ? 'answer' : 'throttle';
    },
    flush,
  };
}
