// Questions asked of a person at a terminal by the IT and staff command-line tools. A secret (a
// password, a passcode) is read with echo off, so it never shows on the screen, in a scroll-back or
// a screen recording; it is never taken from the command line (shell history, `ps`).
import { createInterface } from 'node:readline/promises';

export interface TerminalPrompt {
  ask(question: string): Promise<string>;
  /** Reads one line without echo. */
  askSecret(question: string): Promise<string>;
  close(): void;
}

/** Prompts on the process's terminal; undefined when stdin is not a terminal (scripts, pipes). */
export function terminalPrompt(
  input: NodeJS.ReadStream = process.stdin,
  output: NodeJS.WriteStream = process.stderr,
): TerminalPrompt | undefined {
  if (input.isTTY !== true) return undefined;
  // One line reader at a time, made when needed: a secret is read with none open, since readline
  // would echo the keys it sees.
  let lines: ReturnType<typeof createInterface> | undefined;
  const closeLines = () => {
    lines?.close();
    lines = undefined;
  };
  return {
    ask: (question) => {
      lines ??= createInterface({ input, output });
      return lines.question(question);
    },
    askSecret: (question) => {
      closeLines();
      return new Promise((resolve) => {
        // Echo off before the question shows: a key typed (or pasted) the moment it appears would
        // otherwise be echoed by the terminal itself (seen under load in CI).
        input.setRawMode(true);
        input.resume();
        output.write(question);
        let typed = '';
        const onData = (chunk: Buffer) => {
          for (const char of chunk.toString('utf8')) {
            if (char === '\r' || char === '\n') {
              input.setRawMode(false);
              input.off('data', onData);
              input.pause();
              output.write('\n');
              resolve(typed);
              return;
            }
            if (char === '\u0003') process.exit(130); // Ctrl+C
            if (char === '\u007f' || char === '\b') typed = typed.slice(0, -1);
            else typed += char;
          }
        };
        input.on('data', onData);
      });
    },
    close: closeLines,
  };
}
