// One line of `uketsuke doctor`: what was checked, OK / WARN / FAIL, what was found, and the fix.
export type CheckStatus = 'OK' | 'WARN' | 'FAIL';

export interface CheckResult {
  check: string;
  status: CheckStatus;
  detail: string;
  /** What IT does about a WARN or FAIL. */
  fix?: string;
}

export const ok = (check: string, detail: string): CheckResult => ({ check, status: 'OK', detail });
export const warn = (check: string, detail: string, fix: string): CheckResult => ({
  check,
  status: 'WARN',
  detail,
  fix,
});
export const fail = (check: string, detail: string, fix: string): CheckResult => ({
  check,
  status: 'FAIL',
  detail,
  fix,
});
