// Crash and hang recovery. The renderer sends a heartbeat; if none arrives for the configured
// time, or the renderer process dies, the kiosk window is restarted and the session reset to idle,
// so a patient never faces a frozen screen. Each host supplies the window it can restart.
import type { Clock } from '../clock';
import type { Logger } from '../log/logger';
import type { Reception } from '../reception/reception';

export type RestartReason = 'renderer-crashed' | 'renderer-hung';

/** The kiosk window as recovery needs it. Electron's BrowserWindow and the Chromium page both fit. */
export interface RestartableWindow {
  restart(): Promise<void>;
}

/** How recovery checks for silence: the runtime's timers, or a test's. */
export interface IntervalTimers {
  setInterval(callback: () => void, ms: number): { unref?(): void };
  clearInterval(handle: unknown): void;
}

export const runtimeTimers: IntervalTimers = {
  setInterval: (callback, ms) => setInterval(callback, ms),
  clearInterval: (handle) => clearInterval(handle as NodeJS.Timeout),
};

export interface Recovery {
  heartbeat(): void;
  rendererCrashed(detail: string): void;
  stop(): void;
  /** Restarts so far, by reason (for the staff status page and tests). */
  restarts(): Record<RestartReason, number>;
}

export function createRecovery(options: {
  window: RestartableWindow;
  reception: Reception;
  log: Logger;
  hangTimeoutMs: number;
  /** The process's one clock: how long the renderer has been silent. */
  clock: Clock;
  timers?: IntervalTimers;
  /** Told of every restart; returns false when the host relaunches the whole app instead. */
  beforeRestart?: (reason: RestartReason) => boolean;
}): Recovery {
  const { clock } = options;
  const timers = options.timers ?? runtimeTimers;
  const counts: Record<RestartReason, number> = { 'renderer-crashed': 0, 'renderer-hung': 0 };
  let lastBeat = clock.now();
  let restarting = false;

  const restart = async (reason: RestartReason, detail: string): Promise<void> => {
    if (restarting) return;
    restarting = true;
    counts[reason] += 1;
    options.log.warn('kiosk.renderer-restart', { reason, detail });
    options.reception.reset('recovery');
    if (options.beforeRestart && !options.beforeRestart(reason)) return;
    try {
      await options.window.restart();
    } catch (error) {
      options.log.error('kiosk.renderer-restart-failed', { reason, error: String(error) });
    } finally {
      lastBeat = clock.now();
      restarting = false;
    }
  };

  const checkEvery = Math.max(100, Math.floor(options.hangTimeoutMs / 5));
  const timer = timers.setInterval(() => {
    const silentFor = clock.now() - lastBeat;
    if (silentFor >= options.hangTimeoutMs) {
      void restart('renderer-hung', `no heartbeat for ${silentFor} ms`);
    }
  }, checkEvery);
  timer.unref?.();

  return {
    heartbeat() {
      lastBeat = clock.now();
    },
    rendererCrashed(detail) {
      void restart('renderer-crashed', detail);
    },
    stop() {
      timers.clearInterval(timer);
    },
    restarts: () => ({ ...counts }),
  };
}
