// `uketsuke provision` and `uketsuke doctor` on a fresh data folder, against the simulated world:
// the virtual reader and card, a camera list like Linux's, the eligibility simulator over real
// mutual TLS with the certificate provision's CSR was issued, a real SQLite database. Every refusal
// of provision, doctor healthy, and doctor with each fault injected.
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import Database from 'better-sqlite3';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../electron/clock';
import { requireProvisionedConfig } from '../../../electron/config/provisioned';
import { loadConfig } from '../../../electron/config/load-config';
import { createEligibilityUpstream } from '../../../electron/eligibility/https-upstream';
import { createFileKeyStore } from '../../../electron/eligibility/key-store';
import { createEligibilityService } from '../../../electron/eligibility/service';
import { resolveModelPaths } from '../../../electron/face/models';
import { runItCli, type CliDeps } from '../../../electron/it/cli';
import { resolveUnderDataDir } from '../../../electron/it/data-dir';
import type { DoctorReport } from '../../../electron/it/doctor';
import { createLogger, memorySink } from '../../../electron/log/logger';
import { openStaffServices } from '../../../electron/staff/index';
import { createVirtualCard } from '../../../sim/card/sim-world';
import { VirtualReaders } from '../../../sim/card/virtual-readers';
import { startEligibilitySimulator, type EligibilitySimulator } from '../../../sim/eligibility/server';
import { issueTerminalCertificate, TEST_SERVICE_CA } from '../../support/issue-certificate';

const clock = systemClock();
const PATIENT_CAMERA = 'HD Pro Webcam C920';
const TRAY_CAMERA = 'USB Document Camera';
let simulator: EligibilitySimulator;
let work: string;

/** What the terminal's devices look like to doctor: readers, Linux's camera list, HID devices. */
interface FakeTerminal {
  readers: VirtualReaders;
  cameras: string[];
  hid: Array<{ vendorId: number; productId: number; product: string }>;
  modelPaths?: ReturnType<typeof resolveModelPaths>;
}

function healthyTerminal(): FakeTerminal {
  const readers = new VirtualReaders(['SONY FeliCa RC-S380/P 00 00']);
  readers.insert(createVirtualCard('yamada-taro'), 'SONY FeliCa RC-S380/P 00 00');
  return {
    readers,
    cameras: [PATIENT_CAMERA, TRAY_CAMERA],
    hid: [{ vendorId: 0x0c45, productId: 0x7403, product: 'Numeric Keypad' }],
  };
}

function depsFor(terminal: FakeTerminal): CliDeps {
  return {
    clock,
    devices: () => ({
      readers: terminal.readers,
      listCameras: () => terminal.cameras,
      listHidDevices: () => terminal.hid,
      readerSettleMs: 200,
      ...(terminal.modelPaths ? { modelPaths: terminal.modelPaths } : {}),
    }),
  };
}

async function cli(argv: string[], deps: CliDeps = { clock }) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runItCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, deps);
  return { code, out, err, text: [...out, ...err].join('\n') };
}

/** The kiosk's data folder inside a terminal's (the config's eligibility.dataDir, as the kiosk resolves it). */
function kioskDataDirOf(dataDir: string): string {
  return resolveUnderDataDir(loadConfig(join(dataDir, 'config.json')), dataDir).eligibility.dataDir;
}

function provisionArgs(dataDir: string, overrides: Record<string, string> = {}): string[] {
  const values: Record<string, string> = {
    'facility-code': '1311111114',
    'facility-name': 'うけつけクリニック',
    'terminal-id': 'reception-1',
    endpoint: simulator.url,
    'reader-pattern': 'RC-S380',
    'patient-camera': PATIENT_CAMERA,
    'card-tray-camera': TRAY_CAMERA,
    'pin-pad': '0c45:7403',
    languages: 'ja,en,zh',
    'default-language': 'ja',
    'session-timeout': '120',
    'request-timeout': '10',
    'face-threshold': '0.43',
    ...overrides,
  };
  return [
    'provision',
    '--data-dir',
    dataDir,
    '--non-interactive',
    ...Object.entries(values).flatMap(([key, value]) => [`--${key}`, value]),
  ];
}

const ADMIN_PASSWORD = 'correct horse battery 7';

/** A data folder provisioned with a certificate from the simulator's CA (valid `days` days), and
 *  with `admin` its first administrator (the staff database and its audit log). */
async function provisionedTerminal(days = 365, options: { admin?: boolean } = {}): Promise<string> {
  const dataDir = mkdtempSync(join(work, 'terminal-'));
  const admin: string[] = [];
  if (options.admin) {
    const passwordFile = join(dataDir, '..', `${basename(dataDir)}-password`);
    writeFileSync(passwordFile, `${ADMIN_PASSWORD}\n`, { mode: 0o600 });
    admin.push('--admin-user', 'it-admin', '--admin-password-file', passwordFile);
  }
  const first = await cli([...provisionArgs(dataDir), ...admin]);
  expect(first.code, first.text).toBe(0);
  const certificate = await issueTerminalCertificate(
    join(dataDir, 'tls/terminal.csr.pem'),
    join(work, `cert-${days}.pem`),
    {
      nowMs: clock.now(),
      days,
    },
  );
  const second = await cli([
    'provision',
    '--data-dir',
    dataDir,
    '--non-interactive',
    '--certificate',
    certificate,
    '--service-ca',
    TEST_SERVICE_CA,
  ]);
  expect(second.code, second.text).toBe(0);
  expect(second.text).toMatch(/installed the certificate/);
  return dataDir;
}

/** Starts the terminal's eligibility service on the provisioned config once: it creates the database. */
async function startOnce(dataDir: string): Promise<void> {
  const configFile = join(dataDir, 'config.json');
  requireProvisionedConfig(configFile, (path) => (existsSync(path) ? readFileSync(path, 'utf8') : undefined));
  const config = resolveUnderDataDir(loadConfig(configFile), dataDir);
  const upstream = createEligibilityUpstream(config.eligibility);
  const service = createEligibilityService({
    config: config.eligibility,
    log: createLogger(memorySink()),
    keyStore: createFileKeyStore(join(config.eligibility.dataDir, 'eligibility.key')),
    upstream,
    clock,
  });
  service.close();
  upstream.close();
}

async function doctor(
  dataDir: string,
  terminal: FakeTerminal,
): Promise<{ code: number; report: DoctorReport; text: string }> {
  const result = await cli(['doctor', '--data-dir', dataDir, '--json'], depsFor(terminal));
  const report = JSON.parse(result.out.at(-1)!) as DoctorReport;
  return { code: result.code, report, text: result.text };
}

const statusOf = (report: DoctorReport, check: string) => report.checks.find((c) => c.check === check);

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'uketsuke-it-'));
  simulator = await startEligibilitySimulator({ clock });
});

afterAll(async () => {
  await simulator.close();
  rmSync(work, { recursive: true, force: true });
});

describe('uketsuke provision refuses a bad value with what is expected, and writes nothing', () => {
  const refusals: Array<[string, Record<string, string>, RegExp]> = [
    [
      'a 医療機関コード of 9 digits',
      { 'facility-code': '131111111' },
      /--facility-code: "131111111" is not 10 digits/,
    ],
    ['a 医療機関コード with letters', { 'facility-code': '13111111A4' }, /--facility-code: .*not 10 digits/],
    [
      'a 医療機関コード with a wrong check digit',
      { 'facility-code': '1311111115' },
      /fails its check digit[\s\S]*a last digit of 4 for 131111111/,
    ],
    ['an empty terminal id', { 'terminal-id': '' }, /--terminal-id/],
    [
      'a terminal id over 64 characters',
      { 'terminal-id': 'x'.repeat(65) },
      /--terminal-id[\s\S]*1 to 64 characters/,
    ],
    [
      'an endpoint over plain http',
      { endpoint: 'http://service.example' },
      /--endpoint[\s\S]*an https:\/\/ URL/,
    ],
    ['an endpoint that is no URL', { endpoint: 'service' }, /--endpoint/],
    [
      'a reader pattern that is no regular expression',
      { 'reader-pattern': '([' },
      /--reader-pattern: "\(\[": not a valid regular expression/,
    ],
    [
      'a PIN pad not written vendor:product',
      { 'pin-pad': 'keypad' },
      /--pin-pad[\s\S]*vendorId:productId in hex/,
    ],
    [
      'an unknown language',
      { languages: 'ja,fr' },
      /--languages: unknown language fr[\s\S]*ja, en, zh, ko, vi, pt/,
    ],
    ['a default language not known', { 'default-language': 'fr' }, /--default-language/],
    [
      'a session timeout below 10 s',
      { 'session-timeout': '5' },
      /--session-timeout[\s\S]*seconds between 10 and 900/,
    ],
    [
      'a session timeout that is no number',
      { 'session-timeout': 'soon' },
      /--session-timeout: "soon" is not a whole number/,
    ],
    [
      'a request timeout above 120 s',
      { 'request-timeout': '600' },
      /--request-timeout[\s\S]*seconds between 1 and 120/,
    ],
    [
      'a face threshold above 0.95',
      { 'face-threshold': '0.99' },
      /--face-threshold[\s\S]*between 0.2 and 0.95/,
    ],
    [
      'a face threshold that is no number',
      { 'face-threshold': 'strict' },
      /--face-threshold: "strict" is not a number/,
    ],
  ];
  for (const [what, overrides, message] of refusals) {
    it(`refuses ${what}`, async () => {
      const dataDir = mkdtempSync(join(work, 'refused-'));
      const result = await cli(provisionArgs(dataDir, overrides));
      expect(result.code).toBe(1);
      expect(result.err.join('\n')).toMatch(/^refused: /);
      expect(result.err.join('\n')).toMatch(message);
      expect(existsSync(join(dataDir, 'config.json'))).toBe(false);
      expect(existsSync(join(dataDir, 'tls'))).toBe(false);
    });
  }

  it('refuses a first administrator with a bad name or password file, before writing anything', async () => {
    const short = join(work, 'short-password');
    writeFileSync(short, 'short\n');
    const good = join(work, 'good-password');
    writeFileSync(good, 'a long enough password\n');
    const cases: Array<[string[], RegExp]> = [
      [
        ['--admin-user', 'It Admin', '--admin-password-file', good],
        /--admin-user: "It Admin" is not a user name/,
      ],
      [['--admin-user', 'it-admin'], /--admin-password-file: not given/],
      [['--admin-user', 'it-admin', '--admin-password-file', join(work, 'none')], /cannot read/],
      [['--admin-user', 'it-admin', '--admin-password-file', short], /the password is too short/],
    ];
    for (const [admin, message] of cases) {
      const dataDir = mkdtempSync(join(work, 'refused-'));
      const result = await cli([...provisionArgs(dataDir), ...admin]);
      expect(result.code).toBe(1);
      expect(result.err.join('\n')).toMatch(message);
      expect(readdirSync(dataDir)).toEqual([]);
    }
  });

  it('refuses to run without the values it needs when it may not ask', async () => {
    const dataDir = mkdtempSync(join(work, 'refused-'));
    const result = await cli([
      'provision',
      '--data-dir',
      dataDir,
      '--non-interactive',
      '--terminal-id',
      't1',
    ]);
    expect(result.code).toBe(1);
    expect(result.text).toMatch(/--facility-code, --endpoint: not given/);
    expect(existsSync(join(dataDir, 'config.json'))).toBe(false);
  });

  it('refuses a command without --data-dir, and an unknown option', async () => {
    expect((await cli(['doctor'])).text).toMatch(/--data-dir DIR is required/);
    expect((await cli(['provision', '--data-dir', work, '--facility', '1'])).code).toBe(2);
  });

  it('refuses a certificate not issued for this terminal’s key, or not by the service CA, and keeps the config', async () => {
    const dataDir = await provisionedTerminal();
    const configBefore = readFileSync(join(dataDir, 'config.json'), 'utf8');
    const other = mkdtempSync(join(work, 'other-'));
    expect((await cli(provisionArgs(other))).code).toBe(0);
    const foreign = await issueTerminalCertificate(
      join(other, 'tls/terminal.csr.pem'),
      join(work, 'foreign.pem'),
      {
        nowMs: clock.now(),
        days: 365,
      },
    );
    const wrongKey = await cli([
      'provision',
      '--data-dir',
      dataDir,
      '--non-interactive',
      '--certificate',
      foreign,
      '--service-ca',
      TEST_SERVICE_CA,
    ]);
    expect(wrongKey.code).toBe(1);
    expect(wrongKey.text).toMatch(/--certificate: the certificate is not for this terminal’s key/);
    const ownCertificate = join(dataDir, 'tls/terminal.pem');
    const otherCa = join(work, 'other-ca.pem');
    copyFileSync(join(dataDir, 'tls/terminal.pem'), otherCa); // a certificate, but not the CA that signed it
    const wrongCa = await cli([
      'provision',
      '--data-dir',
      dataDir,
      '--non-interactive',
      '--certificate',
      ownCertificate,
      '--service-ca',
      otherCa,
    ]);
    expect(wrongCa.code).toBe(1);
    expect(wrongCa.text).toMatch(/not issued by the given service CA/);
    const expired = await issueTerminalCertificate(
      join(dataDir, 'tls/terminal.csr.pem'),
      join(work, 'expired.pem'),
      {
        nowMs: clock.now() - 400 * 86_400_000,
        days: 30,
      },
    );
    const old = await cli([
      'provision',
      '--data-dir',
      dataDir,
      '--non-interactive',
      '--certificate',
      expired,
      '--service-ca',
      TEST_SERVICE_CA,
    ]);
    expect(old.text).toMatch(/the certificate is not valid now/);
    expect(readFileSync(join(dataDir, 'config.json'), 'utf8')).toBe(configBefore);
  });
});

/** Every file under a folder, as bytes (the staff database and its WAL included). */
function filesUnder(dir: string): Array<{ path: string; bytes: Buffer }> {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => {
      const path = join(entry.parentPath, entry.name);
      return { path, bytes: readFileSync(path) };
    });
}

describe('uketsuke provision creates the first administrator in the terminal’s staff database', () => {
  const PASSWORD = ADMIN_PASSWORD;

  it('creates it where the kiosk looks; staff log in with it; a second first admin is refused; the password is nowhere', async () => {
    const dataDir = mkdtempSync(join(work, 'admin-'));
    const passwordFile = join(work, 'admin-password');
    writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
    const created = await cli([
      ...provisionArgs(dataDir),
      '--admin-user',
      'it-admin',
      '--admin-password-file',
      passwordFile,
    ]);
    expect(created.code, created.text).toBe(0);
    expect(created.out).toContain('created the administrator it-admin');

    // The kiosk's staff database: the config's eligibility data folder, resolved as the kiosk does.
    const kioskDataDir = kioskDataDirOf(dataDir);
    const staff = openStaffServices({ dataDir: kioskDataDir, clock });
    try {
      expect(await staff.accounts.authenticate('it-admin', PASSWORD)).toMatchObject({
        ok: true,
        account: { name: 'it-admin', role: 'admin', locked: false },
      });
      expect(await staff.accounts.authenticate('it-admin', `${PASSWORD}x`)).toMatchObject({ ok: false });
      expect(staff.audit.all()).toEqual([
        expect.objectContaining({ actor: 'it', action: 'staff.account-add', outcome: 'ok' }),
      ]);
    } finally {
      staff.close();
    }

    const configBefore = readFileSync(join(dataDir, 'config.json'), 'utf8');
    const second = await cli([
      ...provisionArgs(dataDir, { 'terminal-id': 'reception-2' }),
      '--admin-user',
      'other-admin',
      '--admin-password-file',
      passwordFile,
    ]);
    expect(second.code).toBe(1);
    expect(second.err.join('\n')).toMatch(/--admin-user: an administrator already exists/);
    expect(readFileSync(join(dataDir, 'config.json'), 'utf8')).toBe(configBefore);
    const after = openStaffServices({ dataDir: kioskDataDir, clock });
    try {
      expect(after.accounts.list().map((account) => account.name)).toEqual(['it-admin']);
    } finally {
      after.close();
    }

    for (const text of [created.text, second.text]) expect(text).not.toContain(PASSWORD);
    const files = filesUnder(dataDir);
    expect(files.map((file) => file.path)).toContain(join(kioskDataDir, 'staff.db'));
    for (const file of files) {
      expect(file.bytes.includes(Buffer.from(PASSWORD)), file.path).toBe(false);
    }
  });
});

describe('uketsuke provision at a terminal (prompts)', () => {
  it('asks for what the flags did not give, re-asks after a refusal, and keeps the current value on Enter', async () => {
    const dataDir = mkdtempSync(join(work, 'asked-'));
    const answers: Record<string, string[]> = {
      医療機関コード: ['1311111115', '1311111114'],
      'Terminal id': ['desk-2'],
      'Eligibility service URL': ['http://plain.example', simulator.url],
      'Face match threshold': ['0.5'],
    };
    const asked: string[] = [];
    const err: string[] = [];
    const code = await runItCli(
      ['provision', '--data-dir', dataDir, '--languages', 'ja,en'],
      {
        out: () => undefined,
        err: (line) => err.push(line),
        ask: (question) => {
          asked.push(question);
          const key = Object.keys(answers).find((prefix) => question.startsWith(prefix));
          return Promise.resolve((key && answers[key]!.shift()) ?? '');
        },
      },
      { clock },
    );
    expect(code, err.join('\n')).toBe(0);
    expect(err.join('\n')).toMatch(/fails its check digit; expected a last digit of 4/);
    expect(err.join('\n')).toMatch(/an https:\/\/ URL/);
    expect(asked.some((q) => q.startsWith('Languages'))).toBe(false); // given by flag
    const config = JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8'));
    expect(config).toMatchObject({
      terminal: { id: 'desk-2' },
      eligibility: { medicalInstitutionCode: '1311111114', endpoint: simulator.url },
      face: { match: { threshold: 0.5 } },
      ui: { languages: ['ja', 'en'] },
    });
  });
});

describe('uketsuke provision at a terminal: the first administrator', () => {
  /** A person at the prompts: answers by question prefix, secrets apart (they are never echoed). */
  function person(answers: Record<string, string[]>, secrets: string[]) {
    const asked: string[] = [];
    const out: string[] = [];
    const err: string[] = [];
    const io = {
      out: (line: string) => out.push(line),
      err: (line: string) => err.push(line),
      ask: (question: string) => {
        asked.push(question);
        const key = Object.keys(answers).find((prefix) => question.startsWith(prefix));
        return Promise.resolve((key && answers[key]!.shift()) ?? '');
      },
      askSecret: (question: string) => {
        asked.push(question);
        return Promise.resolve(secrets.shift() ?? '');
      },
    };
    return { io, asked, out, err, text: () => [...out, ...err].join('\n') };
  }

  it('asks for one, re-asks after a bad name, two different passwords and a short one, and creates it', async () => {
    const dataDir = mkdtempSync(join(work, 'asked-admin-'));
    const at = person({ 'First administrator': ['IT Admin', 'desk.admin', 'desk.admin', 'desk.admin'] }, [
      'one password here',
      'another password',
      'short',
      'short',
      ADMIN_PASSWORD,
      ADMIN_PASSWORD,
    ]);
    const code = await runItCli(
      provisionArgs(dataDir).filter((arg) => arg !== '--non-interactive'),
      at.io,
      {
        clock,
      },
    );
    expect(code, at.text()).toBe(0);
    expect(at.err.join('\n')).toMatch(/"IT Admin" is not a user name/);
    expect(at.err.join('\n')).toMatch(/the two passwords differ/);
    expect(at.err.join('\n')).toMatch(/the password is too short; expected at least 12 characters/);
    expect(at.out).toContain('created the administrator desk.admin');
    expect(at.text()).not.toContain(ADMIN_PASSWORD);
    const kioskDataDir = kioskDataDirOf(dataDir);
    const staff = openStaffServices({ dataDir: kioskDataDir, clock });
    try {
      expect(await staff.accounts.authenticate('desk.admin', ADMIN_PASSWORD)).toMatchObject({
        ok: true,
        account: { role: 'admin' },
      });
    } finally {
      staff.close();
    }

    // Provisioned again at the prompts: an administrator exists, so none is asked for.
    const again = person({}, []);
    expect(await runItCli(['provision', '--data-dir', dataDir], again.io, { clock }), again.text()).toBe(0);
    expect(again.asked.some((question) => question.startsWith('First administrator'))).toBe(false);
    expect(again.out.join('\n')).toMatch(/an administrator exists already/);
  });

  it('an empty name creates none; without a way to type unseen it never asks', async () => {
    const skipped = mkdtempSync(join(work, 'no-admin-'));
    const at = person({ 'First administrator': [''] }, []);
    expect(
      await runItCli(
        provisionArgs(skipped).filter((a) => a !== '--non-interactive'),
        at.io,
        { clock },
      ),
    ).toBe(0);
    expect(at.out.join('\n')).not.toMatch(/created the administrator/);

    const noSecrets = mkdtempSync(join(work, 'no-secret-'));
    const { askSecret: _none, ...echoing } = person({}, []).io;
    const asked: string[] = [];
    const code = await runItCli(
      provisionArgs(noSecrets).filter((a) => a !== '--non-interactive'),
      { ...echoing, ask: (question) => (asked.push(question), Promise.resolve('')) },
      { clock },
    );
    expect(code).toBe(0);
    expect(asked.some((question) => question.startsWith('First administrator'))).toBe(false);
  });
});

describe('uketsuke staff: the terminal’s accounts from the IT tool', () => {
  it('adds, lists, locks out, unlocks and removes on the terminal’s data folder; refusals say why', async () => {
    const dataDir = await provisionedTerminal(365, { admin: true });
    const passcodeFile = join(work, 'staff-passcode');
    writeFileSync(passcodeFile, '246813\n', { mode: 0o600 });
    const addNurse = () =>
      cli(['staff', 'add', '--data-dir', dataDir, '--name', 'nurse-ito', '--passcode-file', passcodeFile]);
    const added = await addNurse();
    expect(added.code, added.text).toBe(0);
    expect(added.out).toEqual(['added nurse-ito (staff)']);
    const listed = await cli(['staff', 'list', '--data-dir', dataDir]);
    expect(listed.out).toEqual(['it-admin\tadmin', 'nurse-ito\tstaff']);

    // The accounts the kiosk and the console open: three wrong passcodes lock, unlock opens again.
    const kioskDataDir = kioskDataDirOf(dataDir);
    const staff = openStaffServices({ dataDir: kioskDataDir, clock });
    try {
      for (let i = 0; i < 3; i++) await staff.accounts.authenticate('nurse-ito', '000000');
      expect(staff.accounts.find('nurse-ito')?.locked).toBe(true);
    } finally {
      staff.close();
    }
    expect((await cli(['staff', 'list', '--data-dir', dataDir])).out).toContain('nurse-ito\tstaff\tLOCKED');
    expect((await cli(['staff', 'unlock', '--data-dir', dataDir, '--name', 'nurse-ito'])).code).toBe(0);
    expect((await cli(['staff', 'list', '--data-dir', dataDir])).out).toContain('nurse-ito\tstaff');

    const duplicate = await addNurse();
    expect(duplicate.code).toBe(1);
    expect(duplicate.err.join('\n')).toMatch(/^refused: /);
    const noPasscode = await cli(['staff', 'add', '--data-dir', dataDir, '--name', 'clerk-sato']);
    expect(noPasscode.code).toBe(1);
    expect(noPasscode.err.join('\n')).toMatch(/--passcode-file: not given/);
    const badRole = await cli([
      'staff',
      'add',
      '--data-dir',
      dataDir,
      '--name',
      'clerk-sato',
      '--role',
      'root',
    ]);
    expect(badRole.err.join('\n')).toMatch(/--role: "root" is not a role/);
    expect((await cli(['staff', 'frobnicate', '--data-dir', dataDir])).code).toBe(2);
    expect((await cli(['staff', 'remove', '--data-dir', dataDir, '--name', 'nurse-ito'])).code).toBe(0);
    expect((await cli(['staff', 'list', '--data-dir', dataDir])).out).toEqual(['it-admin\tadmin']);
    for (const text of [added.text, listed.text]) expect(text).not.toContain('246813');
  });
});

describe('provision → doctor → start on a fresh data folder', () => {
  it('provisions (with the first administrator), starts once, and doctor finds every part healthy', async () => {
    const dataDir = await provisionedTerminal(365, { admin: true });
    const config = JSON.parse(readFileSync(join(dataDir, 'config.json'), 'utf8'));
    expect(config).toMatchObject({
      world: 'hardware',
      terminal: { id: 'reception-1' },
      eligibility: {
        medicalInstitutionCode: '1311111114',
        endpoint: simulator.url,
        timeouts: { requestMs: 10_000 },
      },
      reception: { sessionTimeoutMs: 120_000 },
      ui: { languages: ['ja', 'en', 'zh'] },
      face: { match: { threshold: 0.43 } },
      devices: { pinPad: '0c45:7403' },
    });
    await startOnce(dataDir);
    const { code, report, text } = await doctor(dataDir, healthyTerminal());
    expect(
      report.checks.filter((c) => c.status !== 'OK'),
      text,
    ).toEqual([]);
    expect(code).toBe(0);
    expect(statusOf(report, 'audit log')?.detail).toBe('chain intact, 1 row');
    expect(statusOf(report, 'card reader')?.detail).toMatch(/RC-S380.*a card is on it/);
    expect(statusOf(report, 'service')?.detail).toMatch(/reachable over mutual TLS/);
    expect(text).toMatch(/^OK {3}certificate: valid until/m);
  });
});

describe('uketsuke doctor names each fault and exits non-zero on a FAIL', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await provisionedTerminal();
    await startOnce(dataDir);
  });

  it('reader gone', async () => {
    const terminal = healthyTerminal();
    terminal.readers.detach('SONY FeliCa RC-S380/P 00 00');
    const { code, report } = await doctor(dataDir, terminal);
    expect(code).toBe(1);
    expect(statusOf(report, 'card reader')).toMatchObject({
      status: 'FAIL',
      detail: expect.stringMatching(/no reader matches \/RC-S380\//),
    });
    expect(statusOf(report, 'card reader')?.fix).toMatch(/pcsc_scan/);
  });

  it('camera missing', async () => {
    const terminal = healthyTerminal();
    terminal.cameras = [PATIENT_CAMERA];
    const { code, report } = await doctor(dataDir, terminal);
    expect(code).toBe(1);
    expect(statusOf(report, 'card-tray camera')).toMatchObject({
      status: 'FAIL',
      detail: expect.stringContaining(`"${TRAY_CAMERA}" is not attached`),
    });
    expect(statusOf(report, 'patient camera')?.status).toBe('OK');
  });

  it('PIN pad unplugged', async () => {
    const terminal = healthyTerminal();
    terminal.hid = [];
    const { code, report } = await doctor(dataDir, terminal);
    expect(code).toBe(1);
    expect(statusOf(report, 'PIN pad')).toMatchObject({
      status: 'FAIL',
      detail: '0c45:7403 is not attached',
    });
  });

  it('model checksum wrong', async () => {
    const models = mkdtempSync(join(work, 'models-'));
    const real = resolveModelPaths();
    cpSync(real.modelsDir, models, { recursive: true });
    cpSync(real.wasmDir, models, { recursive: true });
    const file = join(models, 'face_recognition_model.bin');
    const bytes = readFileSync(file);
    bytes[1000] = (bytes[1000]! + 1) % 256;
    writeFileSync(file, bytes);
    const terminal = {
      ...healthyTerminal(),
      modelPaths: { modelsDir: models, wasmDir: models, embeddingModel: real.embeddingModel },
    };
    const { code, report } = await doctor(dataDir, terminal);
    expect(code).toBe(1);
    expect(statusOf(report, 'face models')).toMatchObject({
      status: 'FAIL',
      detail: 'face_recognition_model.bin checksum wrong',
    });
  });

  it('database damaged', async () => {
    const damaged = await provisionedTerminal();
    await startOnce(damaged);
    const db = join(damaged, 'var/eligibility/eligibility.db');
    const bytes = readFileSync(db);
    bytes.fill(0x5a, 0, 100); // the SQLite header
    writeFileSync(db, bytes);
    const { code, report } = await doctor(damaged, healthyTerminal());
    expect(code).toBe(1);
    expect(statusOf(report, 'database')).toMatchObject({
      status: 'FAIL',
      detail: expect.stringMatching(/is damaged/),
    });
    expect(statusOf(report, 'database')?.fix).toMatch(/moves the damaged file aside/);
  });

  it('certificate expiring within 30 days: WARN, with the renewal', async () => {
    const expiring = await provisionedTerminal(12);
    await startOnce(expiring);
    const { code, report } = await doctor(expiring, healthyTerminal());
    expect(statusOf(report, 'certificate')).toMatchObject({
      status: 'WARN',
      detail: expect.stringMatching(/expires in 1[12] days/),
    });
    expect(statusOf(report, 'certificate')?.fix).toMatch(/renew now: send tls\/terminal.csr.pem/);
    expect(code).toBe(0); // a warning is not a failure: the terminal still works today
  });

  it('service down', async () => {
    const down = await startEligibilitySimulator({ clock });
    const terminalDir = await provisionedTerminal();
    const config = JSON.parse(readFileSync(join(terminalDir, 'config.json'), 'utf8'));
    config.eligibility.endpoint = down.url;
    writeFileSync(join(terminalDir, 'config.json'), JSON.stringify(config));
    await startOnce(terminalDir);
    await down.close();
    const { code, report } = await doctor(terminalDir, healthyTerminal());
    expect(code).toBe(1);
    expect(statusOf(report, 'service')).toMatchObject({
      status: 'FAIL',
      detail: expect.stringMatching(/unreachable \(ECONNREFUSED\)/),
    });
    expect(statusOf(report, 'clock')?.status).toBe('WARN');
  });

  it('audit log edited: the first broken row, the fix, in the lines and in --json', async () => {
    const audited = await provisionedTerminal(365, { admin: true });
    await startOnce(audited);
    const kioskDataDir = join(audited, 'var/eligibility');
    const staff = openStaffServices({ dataDir: kioskDataDir, clock });
    staff.audit.record({
      actor: 'it-admin',
      action: 'staff.login',
      outcome: 'ok',
      detail: { where: 'console' },
    });
    staff.audit.record({ actor: 'it-admin', action: 'kiosk.state-view', outcome: 'ok' });
    staff.close();
    expect(statusOf((await doctor(audited, healthyTerminal())).report, 'audit log')).toMatchObject({
      status: 'OK',
      detail: 'chain intact, 3 rows',
    });
    // Someone with a SQLite tool: the append-only triggers dropped, the log-in made someone else's.
    const db = new Database(join(kioskDataDir, 'staff.db'));
    db.exec("DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor = 'someone-else' WHERE seq = 2");
    db.close();
    const { code, report, text } = await doctor(audited, healthyTerminal());
    expect(code).toBe(1);
    expect(statusOf(report, 'audit log')).toMatchObject({
      status: 'FAIL',
      detail:
        'chain broken at row 2 (3 rows in the log): its contents do not match its hash (edited or moved)',
      fix: expect.stringMatching(/altered outside the kiosk: keep .*staff\.db as it is/),
    });
    expect(text).toMatch(/^FAIL audit log: chain broken at row 2 .* — fix: /m);
    expect(report.ok).toBe(false);
  });

  it('clinic folder not writable', async () => {
    const broken = await provisionedTerminal();
    await startOnce(broken);
    // The share's face/ is a file, not a folder (root may write anywhere, so mode bits prove nothing here).
    const face = join(broken, 'var/clinic/face');
    rmSync(face, { recursive: true });
    writeFileSync(face, '');
    mkdirSync(join(broken, 'var/clinic/res'), { recursive: true });
    const { code, report } = await doctor(broken, healthyTerminal());
    expect(code).toBe(1);
    expect(statusOf(report, 'clinic folder')).toMatchObject({
      status: 'FAIL',
      detail: expect.stringContaining('face/ is not a folder'),
    });
  });
});
