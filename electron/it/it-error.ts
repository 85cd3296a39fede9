// A refusal of an IT command: which option was wrong, what is wrong with it, and what is expected.
// Never carries a secret (values are echoed only where they are not secret).
export class ItError extends Error {
  constructor(
    /** The command-line option (or config key) the problem is about. */
    readonly option: string,
    readonly problem: string,
    readonly expected: string,
  ) {
    super(`${option}: ${problem}; expected ${expected}`);
    this.name = 'ItError';
  }
}
