// `npm run uketsuke -- COMMAND …` and the `uketsuke` bin: the IT commands from a checkout (the
// packaged app runs the same commands as `Uketsuke COMMAND …`). See docs/it.md.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runItCli } from '../electron/it/cli';
import { terminalPrompt } from '../electron/it/terminal-prompt';

const version = (
  JSON.parse(readFileSync(join(import.meta.dirname, '..', 'package.json'), 'utf8')) as { version: string }
).version;
const prompt = process.argv.includes('--non-interactive') ? undefined : terminalPrompt();
const code = await runItCli(
  process.argv.slice(2),
  {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    ...(prompt ? { ask: prompt.ask, askSecret: prompt.askSecret } : {}),
  },
  { appVersion: version },
);
prompt?.close();
process.exit(code);
