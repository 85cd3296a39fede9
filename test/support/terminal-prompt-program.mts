// Run on a pseudo-terminal by terminal-prompt.test.ts: asks a name, a secret, then another line.
import { terminalPrompt } from '../../electron/it/terminal-prompt';

const prompt = terminalPrompt();
if (!prompt) {
  console.log('NOT A TERMINAL');
  process.exit(1);
}
const name = await prompt.ask('name: ');
const secret = await prompt.askSecret('secret: ');
const after = await prompt.ask('after: ');
prompt.close();
console.log(`RESULT name=${name} secret-length=${secret.length} after=${after}`);
