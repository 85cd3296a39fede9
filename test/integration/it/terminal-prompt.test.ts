// The IT and staff tools' prompts on a real pseudo-terminal (util-linux `script` gives the program
// one): a secret is read without echo, and the prompts after it still work.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../../..');
const TSX = createRequire(import.meta.url).resolve('tsx/cli');
const PROGRAM = join(ROOT, 'test/support/terminal-prompt-program.mts');

/** Runs the program on a pseudo-terminal, typing each answer once its prompt has appeared. */
function onTerminal(answers: Array<[prompt: string, typed: string]>): Promise<string> {
  const child = spawn('script', ['-qfec', `${process.execPath} ${TSX} ${PROGRAM}`, '/dev/null'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  let screen = '';
  let answeredUpTo = 0; // a prompt counts only once it appears after the last answer
  const pending = [...answers];
  child.stdout.on('data', (chunk: Buffer) => {
    screen += chunk.toString('utf8');
    const next = pending[0];
    const at = next ? screen.indexOf(next[0], answeredUpTo) : -1;
    if (next && at >= 0) {
      pending.shift();
      answeredUpTo = at + next[0].length;
      child.stdin.write(`${next[1]}\r`);
    }
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', () => resolve(screen));
  });
}

describe('terminal prompts', () => {
  it('reads the secret without showing it, then asks again normally', async () => {
    const screen = await onTerminal([
      ['name: ', 'alice'],
      ['secret: ', 'hunter2hunter2'],
      ['after: ', 'bob'],
    ]);
    expect(screen).toContain('RESULT name=alice secret-length=14 after=bob');
    expect(screen).toContain('alice'); // an ordinary answer is echoed
    expect(screen).not.toContain('hunter2'); // the secret never is
  }, 30_000);
});
