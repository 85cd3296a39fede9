// When restarting the renderer does not help — it keeps dying — the whole app relaunches itself,
// a capped number of times. Past the cap it stops relaunching (a relaunch loop helps no patient),
// keeps restarting the window, and says so in the log; systemd's restart limits are the outer cap.
export type RelaunchDecision = 'restart-window' | 'relaunch-app' | 'give-up';

export interface RelaunchPolicyOptions {
  now(): number;
  /** Window restarts within `windowMs` that mean the renderer keeps dying. */
  restartsBeforeRelaunch?: number;
  windowMs?: number;
  /** Relaunches this process already is (carried across relaunches in argv). */
  relaunchesSoFar: number;
  maxRelaunches?: number;
}

export const RELAUNCH_ARG = '--uketsuke-relaunch=';

/** How many relaunches this process is, from its command line. */
export function relaunchesIn(argv: readonly string[]): number {
  const arg = argv.find((item) => item.startsWith(RELAUNCH_ARG));
  const count = arg ? Number(arg.slice(RELAUNCH_ARG.length)) : 0;
  return Number.isInteger(count) && count >= 0 ? count : 0;
}

/** The command line for the next launch: the same, with the relaunch count one higher. */
export function relaunchArgs(argv: readonly string[], relaunchesSoFar: number): string[] {
  return [...argv.filter((item) => !item.startsWith(RELAUNCH_ARG)), `${RELAUNCH_ARG}${relaunchesSoFar + 1}`];
}

export function createRelaunchPolicy(options: RelaunchPolicyOptions): { recordRestart(): RelaunchDecision } {
  const limit = options.restartsBeforeRelaunch ?? 3;
  const windowMs = options.windowMs ?? 5 * 60_000;
  const maxRelaunches = options.maxRelaunches ?? 3;
  let recent: number[] = [];
  return {
    recordRestart() {
      const now = options.now();
      recent = [...recent.filter((at) => now - at < windowMs), now];
      if (recent.length < limit) return 'restart-window';
      if (options.relaunchesSoFar >= maxRelaunches) return 'give-up';
      recent = [];
      return 'relaunch-app';
    },
  };
}
