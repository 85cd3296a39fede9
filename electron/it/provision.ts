// `uketsuke provision`: writes a terminal's config through the one config schema, makes its TLS key
// and CSR, installs the issued certificate. Every value IT gives is checked before anything is
// written; a refusal names the option, what is wrong and what is expected, and changes nothing.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LANGUAGES } from '../contract';
import { configSchema, type KioskConfig } from '../config/schema';
import { writePrivateFile } from '../eligibility/key-store';
import { checkDigit, isValidInstitutionCode } from '../eligibility/insurance-number';
import { terminalPaths, resolveUnderDataDir } from './data-dir';
import { refuseExistingAdmin, type AdminAccounts, type FirstAdmin } from './admin-accounts';
import { ItError } from './it-error';
import { ensureTerminalKeyAndCsr, installCertificate, tlsPaths } from './terminal-pki';

type Json = string | number | boolean | Json[] | { [key: string]: Json };

export interface ProvisionField {
  /** Command-line option, without the dashes. */
  option: string;
  /** Where the value goes in the config. */
  path: readonly string[];
  prompt: string;
  expected: string;
  /** Must be given (by flag, prompt or an existing config). */
  required?: boolean;
  /** Text → config value; throws ItError on a malformed value. */
  parse(text: string): Json;
}

const text = (value: string): Json => value;
/** A field taken as typed; the schema checks it. */
const textField = (
  option: string,
  path: readonly string[],
  prompt: string,
  expected: string,
  required = false,
): ProvisionField => ({ option, path, prompt, expected, parse: text, ...(required ? { required } : {}) });
const integer =
  (option: string, expected: string, scale = 1) =>
  (value: string): Json => {
    if (!/^\d+$/.test(value.trim()))
      throw new ItError(`--${option}`, `"${value}" is not a whole number`, expected);
    return Number(value.trim()) * scale;
  };

function facilityCode(value: string): Json {
  const code = value.trim();
  if (!/^\d{10}$/.test(code)) {
    throw new ItError(
      '--facility-code',
      `"${code}" is not 10 digits`,
      'the 10-digit 医療機関コード: prefecture (2), point table (1), institution (6), check digit (1)',
    );
  }
  if (!isValidInstitutionCode(code)) {
    throw new ItError(
      '--facility-code',
      `"${code}" fails its check digit`,
      `a last digit of ${checkDigit(code.slice(0, 9))} for ${code.slice(0, 9)} (eligibility.md §5.3): check the code on the 指定通知`,
    );
  }
  return code;
}

function languages(value: string): Json {
  const list = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  const unknown = list.filter((item) => !(LANGUAGES as readonly string[]).includes(item));
  if (list.length === 0 || unknown.length > 0) {
    throw new ItError(
      '--languages',
      `unknown language ${unknown.join(', ') || '(none)'}`,
      `a comma-separated list of ${LANGUAGES.join(', ')}`,
    );
  }
  return list;
}

function threshold(value: string): Json {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number)) {
    throw new ItError(
      '--face-threshold',
      `"${value}" is not a number`,
      'a cosine similarity between 0.2 and 0.95 (default 0.49, docs/face.md)',
    );
  }
  return number;
}

export const PROVISION_FIELDS: readonly ProvisionField[] = [
  {
    option: 'facility-code',
    path: ['eligibility', 'medicalInstitutionCode'],
    prompt: '医療機関コード (10 digits)',
    expected: 'the 10-digit 医療機関コード with its check digit',
    required: true,
    parse: facilityCode,
  },
  textField(
    'facility-name',
    ['terminal', 'facilityName'],
    'Facility name shown to patients',
    'at most 100 characters',
  ),
  textField(
    'terminal-id',
    ['terminal', 'id'],
    'Terminal id (shown to staff, in logs and metrics)',
    '1 to 64 characters',
    true,
  ),
  textField(
    'endpoint',
    ['eligibility', 'endpoint'],
    'Eligibility service URL (https://…)',
    'an https:// URL',
    true,
  ),
  textField(
    'clinic-folder',
    ['clinic', 'folder'],
    'Clinic systems folder (req/, res/, face/)',
    'a folder path',
  ),
  textField(
    'reader-pattern',
    ['card', 'readerNamePattern'],
    'Card reader name pattern (regular expression)',
    'a regular expression matching the PC/SC reader name',
  ),
  textField(
    'card-tray-camera',
    ['cardFace', 'cameraDeviceLabel'],
    'Card-tray camera label',
    'the camera label as the system lists it',
  ),
  textField(
    'patient-camera',
    ['devices', 'patientCameraLabel'],
    'Patient camera label (empty: the default camera)',
    'the camera label as the system lists it',
  ),
  textField(
    'pin-pad',
    ['devices', 'pinPad'],
    'PIN pad vendorId:productId (empty: none)',
    'vendorId:productId in hex, e.g. 0c45:7403, or empty',
  ),
  {
    option: 'languages',
    path: ['ui', 'languages'],
    prompt: `Languages offered (${LANGUAGES.join(',')})`,
    expected: `a comma-separated list of ${LANGUAGES.join(', ')}`,
    parse: languages,
  },
  textField(
    'default-language',
    ['ui', 'defaultLanguage'],
    'Default language',
    `one of ${LANGUAGES.join(', ')}`,
  ),
  {
    option: 'session-timeout',
    path: ['reception', 'sessionTimeoutMs'],
    prompt: 'Idle session timeout (seconds)',
    expected: 'seconds between 10 and 900',
    parse: integer('session-timeout', 'seconds between 10 and 900', 1000),
  },
  {
    option: 'request-timeout',
    path: ['eligibility', 'timeouts', 'requestMs'],
    prompt: 'Eligibility request timeout (seconds)',
    expected: 'seconds between 1 and 120',
    parse: integer('request-timeout', 'seconds between 1 and 120', 1000),
  },
  {
    option: 'face-threshold',
    path: ['face', 'match', 'threshold'],
    prompt: 'Face match threshold',
    expected: 'a cosine similarity between 0.2 and 0.95 (default 0.49)',
    parse: threshold,
  },
];

function valueAt(raw: Record<string, Json>, path: readonly string[]): Json | undefined {
  let node: Json | undefined = raw;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || Array.isArray(node)) return undefined;
    node = node[key];
  }
  return node;
}

function setAt(raw: Record<string, Json>, path: readonly string[], value: Json): void {
  let node = raw;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Record<string, Json>;
  }
  node[path[path.length - 1]!] = value;
}

/** The config file already in the data folder (provision builds on it), or an empty one. */
export function readExistingConfig(dataDir: string): Record<string, Json> {
  const path = terminalPaths(dataDir).config;
  if (!existsSync(path)) return {};
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, Json>;
  } catch {
    throw new ItError(
      '--data-dir',
      `${path} is not valid JSON`,
      'a config.json written by uketsuke provision (fix or remove it)',
    );
  }
}

/** The value already set for a field (for a prompt's default). */
export function currentValue(raw: Record<string, Json>, field: ProvisionField): string | undefined {
  const value = valueAt(raw, field.path);
  if (value === undefined) return undefined;
  if (field.option === 'session-timeout' || field.option === 'request-timeout')
    return String(Number(value) / 1000);
  return Array.isArray(value) ? value.join(',') : String(value);
}

function schemaProblems(raw: Record<string, Json>): Array<{ path: string; message: string }> {
  const result = configSchema.safeParse(raw);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
}

/** Checks one field's value as the schema would take it, on top of `base`: throws ItError. */
export function checkField(base: Record<string, Json>, field: ProvisionField, value: string): Json {
  const parsed = field.parse(value);
  const candidate = structuredClone(base);
  setAt(candidate, field.path, parsed);
  const key = field.path.join('.');
  const problem = schemaProblems(candidate).find(
    (p) => p.path === key || p.path.startsWith(`${key}.`) || (key.startsWith(`${p.path}.`) && p.path !== ''),
  );
  if (problem) throw new ItError(`--${field.option}`, `"${value}": ${problem.message}`, field.expected);
  return parsed;
}

export interface ProvisionRequest {
  dataDir: string;
  /** Values by option name (facility-code, endpoint, …), as typed. */
  values: Readonly<Record<string, string | undefined>>;
  /** The issued certificate and the service's CA, to install. */
  certificate?: string;
  serviceCa?: string;
  /** The first administrator, and the staff accounts of a kiosk data folder to create it in. */
  firstAdmin?: FirstAdmin & { accounts: (kioskDataDir: string) => AdminAccounts };
  /**
   * At a terminal, without `--admin-user`: asks for the first administrator once the values are
   * checked and the staff database is known (undefined: none now, or one exists already).
   */
  askFirstAdmin?: {
    accounts: (kioskDataDir: string) => AdminAccounts;
    ask: (accounts: AdminAccounts) => Promise<FirstAdmin | undefined>;
  };
  nowMs: number;
}

export interface ProvisionResult {
  config: KioskConfig;
  configFile: string;
  csrFile: string;
  keyCreated: boolean;
  certificateInstalled: boolean;
  certificateNotAfter?: string;
  /** The administrator created, by name. */
  adminCreated?: string;
}

/**
 * Validates everything first (every refusal before any file is touched), then writes the key and
 * CSR, the certificate when given, the clinic folder's sub-folders, config.json and last the first
 * administrator (in the staff database the kiosk opens: under the config's eligibility data folder).
 */
export async function provision(request: ProvisionRequest): Promise<ProvisionResult> {
  const { dataDir } = request;
  const raw = readExistingConfig(dataDir);
  for (const field of PROVISION_FIELDS) {
    const value = request.values[field.option];
    if (value !== undefined) setAt(raw, field.path, checkField(raw, field, value));
  }
  const missing = PROVISION_FIELDS.filter(
    (field) => field.required && valueAt(raw, field.path) === undefined,
  );
  if (missing.length > 0) {
    throw new ItError(
      missing.map((field) => `--${field.option}`).join(', '),
      'not given',
      missing.map((field) => field.expected).join('; '),
    );
  }
  const tls = tlsPaths(dataDir);
  raw.world = 'hardware';
  setAt(raw, ['eligibility', 'tls'], { caFile: tls.caFile, certFile: tls.certFile, keyFile: tls.keyFile });
  const problems = schemaProblems(raw);
  if (problems.length > 0) {
    const first = problems[0]!;
    const field = PROVISION_FIELDS.find((f) => f.path.join('.') === first.path);
    throw new ItError(
      field ? `--${field.option}` : first.path || '(config)',
      first.message,
      field?.expected ?? 'a value the config schema accepts (docs/it.md)',
    );
  }
  if ((request.certificate === undefined) !== (request.serviceCa === undefined)) {
    throw new ItError(
      request.certificate ? '--service-ca' : '--certificate',
      'given without the other',
      'both --certificate FILE and --service-ca FILE',
    );
  }
  const config = configSchema.parse(raw);
  const resolved = resolveUnderDataDir(config, dataDir);
  let firstAdmin = request.firstAdmin;
  if (!firstAdmin && request.askFirstAdmin) {
    const { accounts, ask } = request.askFirstAdmin;
    const asked = await ask(accounts(resolved.eligibility.dataDir));
    if (asked) firstAdmin = { ...asked, accounts };
  }
  const admins = firstAdmin?.accounts(resolved.eligibility.dataDir);
  if (admins && firstAdmin) refuseExistingAdmin(admins, firstAdmin);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const { keyCreated, csrFile } = await ensureTerminalKeyAndCsr(dataDir, {
    terminalId: config.terminal.id,
    facilityCode: config.eligibility.medicalInstitutionCode,
  });
  let certificateNotAfter: string | undefined;
  if (request.certificate && request.serviceCa) {
    certificateNotAfter = installCertificate(
      dataDir,
      { certificate: request.certificate, serviceCa: request.serviceCa },
      request.nowMs,
    ).notAfter;
  }
  for (const sub of ['req', 'res', 'face']) mkdirSync(join(resolved.clinic.folder, sub), { recursive: true });
  const configFile = terminalPaths(dataDir).config;
  writePrivateFile(configFile, Buffer.from(`${JSON.stringify(raw, null, 2)}\n`));
  if (admins && firstAdmin) await admins.createAdmin(firstAdmin.name, firstAdmin.password);
  return {
    config,
    configFile,
    csrFile,
    keyCreated,
    certificateInstalled: certificateNotAfter !== undefined,
    ...(certificateNotAfter ? { certificateNotAfter } : {}),
    ...(firstAdmin ? { adminCreated: firstAdmin.name } : {}),
  };
}
