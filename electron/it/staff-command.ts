// `uketsuke staff list|add|unlock|passcode|remove --data-dir DIR`: the terminal's staff accounts,
// from the IT tool a packaged terminal has (`npm run staff` exists only in a checkout). The data
// folder is the terminal's, as for every uketsuke command; the accounts live in the staff database
// under the config's eligibility data folder, the file the kiosk and the console open.
import { readFileSync } from 'node:fs';
import type { Clock } from '../clock';
import { isKioskError } from '../errors/kiosk-error';
import { catalogue } from '../errors/catalogue';
import { STAFF_ROLES, openStaffServices, type StaffRole } from '../staff/index';
import { ItError } from './it-error';

export const STAFF_COMMAND_USAGE =
  'uketsuke staff list | add --name NAME [--role staff|admin] | unlock --name NAME | passcode --name NAME | remove --name NAME  --data-dir DIR [--passcode-file FILE]';

export interface StaffCommandIo {
  out(line: string): void;
  err(line: string): void;
  askSecret?: (question: string) => Promise<string>;
}

export interface StaffCommandArgs {
  action: string | undefined;
  name?: string;
  role?: string;
  /** Where there is no terminal to type at: the passcode on the file's first line. */
  passcodeFile?: string;
}

async function newPasscode(io: StaffCommandIo, args: StaffCommandArgs): Promise<string> {
  if (args.passcodeFile) {
    try {
      return readFileSync(args.passcodeFile, 'utf8').split(/\r?\n/)[0] ?? '';
    } catch {
      throw new ItError('--passcode-file', `cannot read ${args.passcodeFile}`, 'a readable file');
    }
  }
  if (!io.askSecret)
    throw new ItError(
      '--passcode-file',
      'not given',
      'a terminal to type at, or a file holding the passcode',
    );
  const passcode = await io.askSecret('New passcode (6–64 characters, not shown): ');
  if ((await io.askSecret('The same passcode again: ')) !== passcode)
    throw new ItError('passcode', 'the two passcodes differ', 'the same passcode twice');
  return passcode;
}

/** Runs one staff action on the accounts of a kiosk data folder; resolves to the exit code. */
export async function runStaffCommand(
  kioskDataDir: string,
  args: StaffCommandArgs,
  io: StaffCommandIo,
  clock: Clock,
): Promise<number> {
  const needsName = ['add', 'unlock', 'passcode', 'remove'].includes(args.action ?? '');
  if (
    !['list', 'add', 'unlock', 'passcode', 'remove'].includes(args.action ?? '') ||
    (needsName && !args.name)
  ) {
    io.err(`usage: ${STAFF_COMMAND_USAGE}`);
    return 2;
  }
  const role = (args.role ?? 'staff') as StaffRole;
  if (!STAFF_ROLES.includes(role))
    throw new ItError('--role', `"${args.role}" is not a role`, 'staff or admin');
  const staff = openStaffServices({ dataDir: kioskDataDir, clock });
  const name = args.name ?? '';
  try {
    switch (args.action) {
      case 'list':
        for (const account of staff.accounts.list())
          io.out(`${account.name}\t${account.role}${account.locked ? '\tLOCKED' : ''}`);
        return 0;
      case 'add': {
        const account = await staff.accounts.add({ name, role, passcode: await newPasscode(io, args) });
        staff.audit.record({ actor: 'it', action: 'staff.account-add', outcome: 'ok', detail: { role } });
        io.out(`added ${account.name} (${account.role})`);
        return 0;
      }
      case 'unlock':
        staff.accounts.unlock(name);
        staff.audit.record({ actor: 'it', action: 'staff.account-unlock', outcome: 'ok' });
        io.out(`unlocked ${name}`);
        return 0;
      case 'passcode':
        await staff.accounts.setPasscode(name, await newPasscode(io, args));
        io.out(`new passcode set for ${name}`);
        return 0;
      default:
        staff.accounts.remove(name);
        io.out(`removed ${name}`);
        return 0;
    }
  } catch (error) {
    if (!isKioskError(error)) throw error;
    io.err(`refused: ${catalogue[error.code].staff}`);
    return 1;
  } finally {
    staff.close();
  }
}
