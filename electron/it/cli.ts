// The `uketsuke` command for IT: provision, doctor, support-bundle. Runs from a checkout
// (`npm run uketsuke -- …`, the `uketsuke` bin) and inside the packaged app (`Uketsuke doctor …`:
// electron/main.ts hands these commands here before any window opens).
//   uketsuke provision --data-dir DIR [--facility-code C --endpoint URL …] [--non-interactive]
//   uketsuke doctor --data-dir DIR [--json]
//   uketsuke support-bundle --data-dir DIR [--out FILE] [--lines N]
//   uketsuke staff list|add|unlock|passcode|remove --data-dir DIR [--name NAME] [--role R]
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { englishLangPath, resolveTessdataDir } from '../card-face/ocr';
import type { SmartCardReaders } from '../card/transport';
import { systemClock, type Clock } from '../clock';
import { parseConfig } from '../config/load-config';
import type { KioskConfig } from '../config/schema';
import { isKioskError } from '../errors/kiosk-error';
import { resolveModelPaths } from '../face/models';
import { linuxCameras } from '../health/device-presence';
import { createLogger, type LogSink } from '../log/logger';
import { resolveUnderDataDir, terminalPaths } from './data-dir';
import {
  formatDoctorLine,
  runDoctor,
  type DoctorEnvironment,
  type DoctorReport,
  type HidDeviceInfo,
} from './doctor';
import {
  checkAdminName,
  checkFirstAdmin,
  readFirstAdmin,
  staffAdminAccounts,
  type AdminAccounts,
  type FirstAdmin,
} from './admin-accounts';
import { ItError } from './it-error';
import { checkField, currentValue, PROVISION_FIELDS, provision, readExistingConfig } from './provision';
import { STAFF_COMMAND_USAGE, runStaffCommand } from './staff-command';
import { buildSupportBundle, writeSupportBundle } from './support-bundle';

export interface CliIo {
  out(line: string): void;
  err(line: string): void;
  /** Set when a person is at a terminal: provision asks for what the flags did not give. */
  ask?: (question: string) => Promise<string>;
  /** The same, without echo (a password). Without it provision never asks for an administrator. */
  askSecret?: (question: string) => Promise<string>;
}

export interface CliDeps {
  clock?: Clock;
  /** The staff accounts of a kiosk data folder; default: the staff module's database there. */
  adminAccounts?: (kioskDataDir: string) => AdminAccounts;
  appVersion?: string;
  /** The devices doctor looks at; default: pcscd, /sys/class/video4linux, node-hid. */
  devices?: (
    config: KioskConfig,
  ) => Pick<DoctorEnvironment, 'readers' | 'listCameras' | 'listHidDevices'> &
    Partial<Pick<DoctorEnvironment, 'modelPaths'>>;
}

const USAGE = `uketsuke — set up and check a Uketsuke terminal (docs/it.md)
  uketsuke provision --data-dir DIR [options] [--non-interactive]
      ${PROVISION_FIELDS.map((field) => `--${field.option}`).join(' ')}
      --certificate FILE --service-ca FILE   install the certificate issued for tls/terminal.csr.pem
      --admin-user NAME --admin-password-file FILE   create the first administrator
  uketsuke doctor --data-dir DIR [--json]
  uketsuke support-bundle --data-dir DIR [--out FILE] [--lines N]
  ${STAFF_COMMAND_USAGE}`;

async function defaultDevices(): Promise<ReturnType<NonNullable<CliDeps['devices']>>> {
  const { PcscliteReaders } = await import('../card/pcsclite-readers');
  const silent: LogSink = { write: () => undefined };
  const readers: SmartCardReaders = new PcscliteReaders({ logger: createLogger(silent) });
  return {
    readers,
    listCameras: () => linuxCameras(),
    // node-hid is native: loaded only when doctor runs on a terminal.
    listHidDevices: () =>
      (createRequire(import.meta.url)('node-hid') as { devices(): HidDeviceInfo[] }).devices(),
  };
}

function loadTerminalConfig(dataDir: string): { config: KioskConfig; raw: unknown } {
  const path = terminalPaths(dataDir).config;
  if (!existsSync(path)) {
    throw new ItError(
      '--data-dir',
      `${path} does not exist`,
      `a provisioned data folder: uketsuke provision --data-dir ${dataDir}`,
    );
  }
  const raw = readExistingConfig(dataDir);
  return { config: resolveUnderDataDir(parseConfig(raw), dataDir), raw };
}

async function doctorReport(
  dataDir: string,
  deps: CliDeps,
): Promise<{ config: KioskConfig; raw: unknown; report: DoctorReport }> {
  const { config, raw } = loadTerminalConfig(dataDir);
  const devices = deps.devices ? deps.devices(config) : await defaultDevices();
  let tessdata: DoctorEnvironment['tessdata'];
  try {
    tessdata = { dir: resolveTessdataDir(config.cardFace.tessdataDir), englishDir: englishLangPath() };
  } catch (error) {
    tessdata = { error: error instanceof Error ? error.message : 'not found' };
  }
  try {
    const report = await runDoctor({
      config,
      clock: deps.clock ?? systemClock(),
      modelPaths: devices.modelPaths ?? resolveModelPaths(),
      tessdata,
      ...devices,
    });
    return { config, raw, report };
  } finally {
    if (!deps.devices) await devices.readers.close();
  }
}

async function askFields(
  io: CliIo,
  dataDir: string,
  values: Record<string, string | undefined>,
): Promise<void> {
  const ask = io.ask!;
  const base = readExistingConfig(dataDir);
  for (const field of PROVISION_FIELDS) {
    if (values[field.option] !== undefined) continue;
    const current = currentValue(base, field);
    for (;;) {
      const answer = (await ask(`${field.prompt}${current !== undefined ? ` [${current}]` : ''}: `)).trim();
      if (answer === '') {
        if (current !== undefined || !field.required) break;
        io.err(`  --${field.option} is needed: ${field.expected}`);
        continue;
      }
      try {
        checkField(base, field, answer);
        values[field.option] = answer;
        break;
      } catch (error) {
        if (!(error instanceof ItError)) throw error;
        io.err(`  ${error.problem}; expected ${error.expected}`);
      }
    }
  }
  if (values.certificate === undefined) {
    const certificate = (await ask('Issued certificate to install (empty: not yet): ')).trim();
    if (certificate) {
      values.certificate = certificate;
      values['service-ca'] = (await ask("The service's CA certificate: ")).trim();
    }
  }
}

/** The first administrator, asked at the prompts: re-asked after a refusal, empty name = none now. */
async function askFirstAdmin(io: CliIo, accounts: AdminAccounts): Promise<FirstAdmin | undefined> {
  const ask = io.ask!;
  const askSecret = io.askSecret!;
  if (accounts.hasAdmin()) {
    io.out('an administrator exists already (further accounts: uketsuke staff add)');
    return undefined;
  }
  for (;;) {
    const name = (await ask('First administrator, user name (empty: none now): ')).trim();
    if (name === '') return undefined;
    try {
      checkAdminName(name);
    } catch (error) {
      if (!(error instanceof ItError)) throw error;
      io.err(`  ${error.problem}; expected ${error.expected}`);
      continue;
    }
    if (accounts.hasAccount(name)) {
      io.err(`  an account "${name}" already exists; expected another user name`);
      continue;
    }
    const password = await askSecret(`Password for ${name} (not shown): `);
    if ((await askSecret('The same password again: ')) !== password) {
      io.err('  the two passwords differ');
      continue;
    }
    try {
      return checkFirstAdmin(name, password);
    } catch (error) {
      if (!(error instanceof ItError)) throw error;
      io.err(`  ${error.problem}; expected ${error.expected}`);
    }
  }
}

async function runProvision(
  args: Record<string, string | boolean | undefined>,
  dataDir: string,
  io: CliIo,
  deps: CliDeps,
): Promise<number> {
  const values: Record<string, string | undefined> = {};
  for (const field of PROVISION_FIELDS) {
    const value = args[field.option];
    if (typeof value === 'string') values[field.option] = value;
  }
  if (typeof args.certificate === 'string') values.certificate = args.certificate;
  if (typeof args['service-ca'] === 'string') values['service-ca'] = args['service-ca'];
  const interactive = io.ask !== undefined && args['non-interactive'] !== true;
  if (interactive) await askFields(io, dataDir, values);
  const clock = deps.clock ?? systemClock();
  const accounts = deps.adminAccounts ?? ((kioskDataDir: string) => staffAdminAccounts(kioskDataDir, clock));
  const firstAdmin =
    typeof args['admin-user'] === 'string'
      ? readFirstAdmin(
          args['admin-user'],
          typeof args['admin-password-file'] === 'string' ? args['admin-password-file'] : undefined,
        )
      : undefined;
  const result = await provision({
    dataDir,
    values,
    ...(firstAdmin
      ? {
          firstAdmin: {
            ...firstAdmin,
            accounts,
          },
        }
      : interactive && io.askSecret
        ? { askFirstAdmin: { accounts, ask: (existing: AdminAccounts) => askFirstAdmin(io, existing) } }
        : {}),
    ...(values.certificate ? { certificate: resolve(values.certificate) } : {}),
    ...(values['service-ca'] ? { serviceCa: resolve(values['service-ca']) } : {}),
    nowMs: clock.now(),
  });
  io.out(`wrote ${result.configFile}`);
  io.out(
    `${result.keyCreated ? 'made the terminal key and' : 'kept the terminal key;'} wrote the CSR ${result.csrFile}`,
  );
  io.out(
    result.certificateInstalled
      ? `installed the certificate (valid until ${result.certificateNotAfter?.slice(0, 10)})`
      : 'no certificate installed yet: send the CSR to the issuer, then run provision again with --certificate FILE --service-ca FILE',
  );
  if (result.adminCreated) io.out(`created the administrator ${result.adminCreated}`);
  io.out(`next: uketsuke doctor --data-dir ${dataDir}`);
  return 0;
}

async function runDoctorCommand(
  args: Record<string, string | boolean | undefined>,
  dataDir: string,
  io: CliIo,
  deps: CliDeps,
): Promise<number> {
  const { report } = await doctorReport(dataDir, deps);
  for (const check of report.checks) io.out(formatDoctorLine(check));
  io.out(`${report.summary.OK} OK, ${report.summary.WARN} WARN, ${report.summary.FAIL} FAIL`);
  if (args.json === true) io.out(JSON.stringify(report));
  return report.ok ? 0 : 1;
}

async function runSupportBundle(
  args: Record<string, string | boolean | undefined>,
  dataDir: string,
  io: CliIo,
  deps: CliDeps,
): Promise<number> {
  const clock = deps.clock ?? systemClock();
  const { config, raw, report } = await doctorReport(dataDir, deps);
  const lines = typeof args.lines === 'string' ? Number(args.lines) : 500;
  if (!Number.isInteger(lines) || lines < 0 || lines > 100_000)
    throw new ItError('--lines', `"${String(args.lines)}"`, 'a whole number up to 100000');
  const stamp = clock.date().toISOString().replace(/[:.]/g, '-');
  const out =
    typeof args.out === 'string'
      ? resolve(args.out)
      : join(dataDir, 'support', `uketsuke-support-${config.terminal.id}-${stamp}.json`);
  writeSupportBundle(
    out,
    buildSupportBundle({
      config,
      rawConfig: raw,
      doctor: report,
      logFile: terminalPaths(dataDir).log,
      lines,
      appVersion: deps.appVersion ?? '0.0.0',
      nowIso: clock.date().toISOString(),
    }),
  );
  io.out(`wrote ${out}`);
  return 0;
}

/** The commands of the IT tool (the packaged app runs the same as `Uketsuke COMMAND …`). */
export const IT_COMMANDS: readonly string[] = ['provision', 'doctor', 'support-bundle', 'staff'];

/** Runs one IT command; resolves to the process exit code (1 on a refusal or a FAIL). */
export async function runItCli(argv: readonly string[], io: CliIo, deps: CliDeps = {}): Promise<number> {
  const [command, ...rest] = argv;
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      strict: true,
      allowPositionals: command === 'staff',
      options: {
        name: { type: 'string' },
        role: { type: 'string' },
        'passcode-file': { type: 'string' },
        'data-dir': { type: 'string' },
        'non-interactive': { type: 'boolean' },
        json: { type: 'boolean' },
        out: { type: 'string' },
        lines: { type: 'string' },
        certificate: { type: 'string' },
        'service-ca': { type: 'string' },
        'admin-user': { type: 'string' },
        'admin-password-file': { type: 'string' },
        help: { type: 'boolean' },
        ...Object.fromEntries(PROVISION_FIELDS.map((field) => [field.option, { type: 'string' as const }])),
      },
    });
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const args = parsed.values as Record<string, string | boolean | undefined>;
  if (!command || args.help || !IT_COMMANDS.includes(command)) {
    (command && command !== 'help' ? io.err : io.out)(USAGE);
    return command && command !== 'help' ? 2 : 0;
  }
  const dataDirArg = typeof args['data-dir'] === 'string' ? args['data-dir'] : process.env.UKETSUKE_DATA_DIR;
  if (!dataDirArg) {
    io.err(`--data-dir DIR is required: the terminal's data folder (docs/it.md)\n${USAGE}`);
    return 2;
  }
  const dataDir = resolve(dataDirArg);
  try {
    if (command === 'provision') return await runProvision(args, dataDir, io, deps);
    if (command === 'doctor') return await runDoctorCommand(args, dataDir, io, deps);
    if (command === 'staff') {
      const { config } = loadTerminalConfig(dataDir);
      return await runStaffCommand(
        config.eligibility.dataDir,
        {
          action: parsed.positionals[0],
          ...(typeof args.name === 'string' ? { name: args.name } : {}),
          ...(typeof args.role === 'string' ? { role: args.role } : {}),
          ...(typeof args['passcode-file'] === 'string' ? { passcodeFile: args['passcode-file'] } : {}),
        },
        io,
        deps.clock ?? systemClock(),
      );
    }
    return await runSupportBundle(args, dataDir, io, deps);
  } catch (error) {
    if (error instanceof ItError) {
      io.err(`refused: ${error.option}: ${error.problem}`);
      io.err(`  expected: ${error.expected}`);
      return 1;
    }
    if (isKioskError(error)) {
      io.err(`refused: ${error.message}`);
      return 1;
    }
    throw error;
  }
}
