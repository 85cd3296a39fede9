// Staff accounts on the command line (IT, at the terminal).
//   npm run staff -- add --name NAME --role staff|admin
//   npm run staff -- list | unlock --name NAME | passcode --name NAME | remove --name NAME
// with [--config FILE] [--data-dir DIR] [--host electron|browser] (see cli-kiosk.ts).
// The passcode is asked twice on the terminal without echo, or read as one line from stdin when
// stdin is not a terminal; it is never an argument (arguments end up in shell history and `ps`).
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { systemClock } from '../electron/clock';
import { isKioskError } from '../electron/errors/kiosk-error';
import { catalogue } from '../electron/errors/catalogue';
import { STAFF_ROLES, openStaffServices, type StaffRole } from '../electron/staff/index';
import { terminalPrompt } from '../electron/it/terminal-prompt';
import { KIOSK_OPTIONS, kioskTarget } from './cli-kiosk';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { ...KIOSK_OPTIONS, name: { type: 'string' }, role: { type: 'string', default: 'staff' } },
});

const USAGE =
  'usage: npm run staff -- add --name NAME --role staff|admin | list | unlock --name NAME | passcode --name NAME | remove --name NAME [--config FILE] [--data-dir DIR]';

async function readSecretLine(question: string): Promise<string> {
  const prompt = terminalPrompt();
  if (prompt) {
    try {
      return await prompt.askSecret(question);
    } finally {
      prompt.close();
    }
  }
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    rl.close();
    return line;
  }
  return '';
}

async function askPasscode(): Promise<string> {
  const passcode = await readSecretLine('passcode (6–64 characters): ');
  if (process.stdin.isTTY && (await readSecretLine('again: ')) !== passcode) {
    throw new Error('the two passcodes differ');
  }
  return passcode;
}

async function main(): Promise<number> {
  const [command] = positionals;
  const { dataDir } = kioskTarget(values);
  const staff = openStaffServices({ dataDir, clock: systemClock() });
  const name = values.name;
  try {
    switch (command) {
      case 'list':
        for (const account of staff.accounts.list()) {
          console.log(`${account.name}\t${account.role}${account.locked ? '\tLOCKED' : ''}`);
        }
        return 0;
      case 'add': {
        const role = values.role as StaffRole;
        if (!name || !STAFF_ROLES.includes(role)) break;
        const account = await staff.accounts.add({ name, role, passcode: await askPasscode() });
        staff.audit.record({ actor: 'it', action: 'staff.account-add', outcome: 'ok', detail: { role } });
        console.log(`added ${account.name} (${account.role}) to ${dataDir}`);
        return 0;
      }
      case 'unlock':
        if (!name) break;
        staff.accounts.unlock(name);
        staff.audit.record({ actor: 'it', action: 'staff.account-unlock', outcome: 'ok' });
        console.log(`unlocked ${name}`);
        return 0;
      case 'passcode':
        if (!name) break;
        await staff.accounts.setPasscode(name, await askPasscode());
        console.log(`new passcode set for ${name}`);
        return 0;
      case 'remove':
        if (!name) break;
        staff.accounts.remove(name);
        console.log(`removed ${name}`);
        return 0;
    }
    console.error(USAGE);
    return 2;
  } finally {
    staff.close();
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(
    isKioskError(error) ? catalogue[error.code].staff : error instanceof Error ? error.message : error,
  );
  process.exitCode = 1;
}
