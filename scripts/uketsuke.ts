// `npm run uketsuke -- COMMAND …` and the `uketsuke` bin: the IT commands from a checkout (the
// packaged app runs the same commands as `Uketsuke COMMAND …`). See docs/it.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { runItCli } from '../electron/it/cli';

const version = (
  JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string }
).version;
const interactive = process.stdin.isTTY === true && !process.argv.includes('--non-interactive');
const prompt = interactive ? createInterface({ input: process.stdin, output: process.stdout }) : undefined;
const code = await runItCli(
  process.argv.slice(2),
  {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    ...(prompt ? { ask: (question: string) => prompt.question(question) } : {}),
  },
  { appVersion: version },
);
prompt?.close();
process.exit(code);
