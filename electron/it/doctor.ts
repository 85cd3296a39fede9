// `uketsuke doctor`: one line per part of the terminal — OK, WARN or FAIL, with the fix. Each check
// reads the real thing (the reader list, the camera list, the model files, the database file, the
// certificate, the clinic folder, the service over mutual TLS); the devices come in through
// interfaces so the same checks run against the simulated world in the tests.
import { EMBEDDING_MODEL } from '../face/models';
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { existsSync, readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { SmartCardReaders } from '../card/transport';
import type { Clock } from '../clock';
import type { KioskConfig } from '../config/schema';
import type { ModelPaths } from '../face/models';
import { cameraAttached, settledReaders } from '../health/device-presence';
import { checkAuditChain } from './audit-check';
import { fail, ok, warn, type CheckResult, type CheckStatus } from './check-result';
import { FACE_MODEL_SHA256, OCR_DATA_SHA256, WASM_SHA256 } from './model-checksums';

export type { CheckResult, CheckStatus } from './check-result';

export interface HidDeviceInfo {
  vendorId: number;
  productId: number;
  product?: string;
}

export interface DoctorEnvironment {
  /** The config, relative folders already resolved under the data folder. */
  config: KioskConfig;
  clock: Clock;
  /** The PC/SC readers (pcsclite on a terminal, the virtual readers in tests). */
  readers: SmartCardReaders;
  /** Camera names the system lists (Linux: /sys/class/video4linux/…/name). */
  listCameras(): string[];
  /** HID devices attached (node-hid). */
  listHidDevices(): HidDeviceInfo[];
  modelPaths: ModelPaths;
  /** The folder the OCR data is read from, or the reason it cannot be found. */
  tessdata: { dir: string; englishDir: string } | { error: string };
  /** How long to wait for the reader list to settle after the PC/SC connection opens. */
  readerSettleMs?: number;
}

const CERT_WARN_DAYS = 30;
const SKEW_WARN_MS = 60_000;
const SKEW_FAIL_MS = 300_000;
const OUTBOX_AGE_WARN_MS = 3_600_000;

async function checkReaders(env: DoctorEnvironment): Promise<CheckResult> {
  const { found, all, serviceLost } = await settledReaders(
    env.readers,
    env.config.card.readerNamePattern,
    env.readerSettleMs,
  );
  if (serviceLost)
    return fail(
      'card reader',
      'the PC/SC service (pcscd) is not running',
      'systemctl start pcscd.socket; then re-run doctor',
    );
  if (found.length === 0) {
    return fail(
      'card reader',
      `no reader matches /${env.config.card.readerNamePattern}/ (seen: ${all.map((r) => `"${r.name}"`).join(', ') || 'none'})`,
      'plug the card reader in (check `pcsc_scan`), or correct the pattern: uketsuke provision --reader-pattern …',
    );
  }
  const reader = found[0]!;
  return ok('card reader', `"${reader.name}", ${reader.cardPresent ? 'a card is on it' : 'no card'}`);
}

function checkPinPad(env: DoctorEnvironment): CheckResult {
  const wanted = env.config.devices.pinPad;
  if (!wanted) {
    return warn(
      'PIN pad',
      'none configured: the PIN path is not offered',
      'attach the PIN pad and run uketsuke provision --pin-pad VID:PID',
    );
  }
  const [vendor, product] = wanted.split(':').map((hex) => Number.parseInt(hex, 16));
  let devices: HidDeviceInfo[];
  try {
    devices = env.listHidDevices();
  } catch (error) {
    return fail(
      'PIN pad',
      `cannot list HID devices (${error instanceof Error ? error.message : 'unknown'})`,
      'check the udev rule for the PIN pad (docs/it.md)',
    );
  }
  const device = devices.find((d) => d.vendorId === vendor && d.productId === product);
  return device
    ? ok('PIN pad', `${wanted} ${device.product ?? ''}`.trim())
    : fail(
        'PIN pad',
        `${wanted} is not attached`,
        'plug the PIN pad in (check `lsusb`) or correct --pin-pad',
      );
}

function checkCameras(env: DoctorEnvironment): CheckResult[] {
  let cameras: string[];
  try {
    cameras = env.listCameras();
  } catch {
    cameras = [];
  }
  const seen = cameras.map((name) => `"${name}"`).join(', ') || 'none';
  const one = (check: string, label: string, option: string, needed: string): CheckResult => {
    if (!label) {
      return cameras.length > 0
        ? warn(check, `no label configured; seen: ${seen}`, `name it: uketsuke provision --${option} "LABEL"`)
        : fail(check, 'no camera attached', `attach the ${needed} camera`);
    }
    return cameraAttached(cameras, label)
      ? ok(check, `"${label}"`)
      : fail(
          check,
          `"${label}" is not attached (seen: ${seen})`,
          `plug the ${needed} camera in, or correct --${option}`,
        );
  };
  return [
    one('patient camera', env.config.devices.patientCameraLabel, 'patient-camera', 'patient'),
    one('card-tray camera', env.config.cardFace.cameraDeviceLabel, 'card-tray-camera', 'card-tray'),
  ];
}

function sha256(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

function checkFiles(check: string, files: Array<[string, string, string]>, fix: string): CheckResult {
  const bad: string[] = [];
  for (const [name, path, expected] of files) {
    if (!existsSync(path)) bad.push(`${name} missing`);
    else if (sha256(path) !== expected) bad.push(`${name} checksum wrong`);
  }
  return bad.length === 0
    ? ok(check, `${files.length} files, checksums match`)
    : fail(check, bad.join(', '), fix);
}

function checkModels(env: DoctorEnvironment): CheckResult[] {
  const { modelsDir, wasmDir } = env.modelPaths;
  const results = [
    checkFiles(
      'face models',
      [
        ...Object.entries(FACE_MODEL_SHA256).map(([name, hash]): [string, string, string] => [
          name,
          join(modelsDir, name),
          hash,
        ]),
        ...Object.entries(WASM_SHA256).map(([name, hash]): [string, string, string] => [
          name,
          join(wasmDir, name),
          hash,
        ]),
        // The face embedding network (vendored, its checksum beside it in electron/face/models.ts).
        [EMBEDDING_MODEL.file, env.modelPaths.embeddingModel, EMBEDDING_MODEL.sha256],
      ],
      `reinstall the package (the models live in ${modelsDir})`,
    ),
  ];
  if ('error' in env.tessdata) {
    results.push(fail('OCR data', env.tessdata.error, 'reinstall the package, or set cardFace.tessdataDir'));
  } else {
    results.push(
      checkFiles(
        'OCR data',
        [
          ['jpn.traineddata', join(env.tessdata.dir, 'jpn.traineddata'), OCR_DATA_SHA256['jpn.traineddata']!],
          [
            'eng.traineddata.gz',
            join(env.tessdata.englishDir, 'eng.traineddata.gz'),
            OCR_DATA_SHA256['eng.traineddata.gz']!,
          ],
        ],
        `reinstall the package (the OCR data lives in ${env.tessdata.dir})`,
      ),
    );
  }
  return results;
}

function checkDatabase(env: DoctorEnvironment): CheckResult[] {
  const path = join(env.config.eligibility.dataDir, 'eligibility.db');
  if (!existsSync(path)) {
    return [warn('database', `${path} does not exist yet`, 'start the kiosk once: it creates the database')];
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true });
    const integrity = db.pragma('quick_check', { simple: true });
    if (integrity !== 'ok') throw new Error(String(integrity));
    const row = db
      .prepare('SELECT COUNT(*) AS depth, MIN(created_at) AS oldest FROM outbox WHERE delivered_at IS NULL')
      .get() as {
      depth: number;
      oldest: number | null;
    };
    const ageMs = row.oldest === null ? 0 : Math.max(0, env.clock.now() - row.oldest);
    const outbox =
      row.depth === 0
        ? ok('outbox', 'empty: every confirmation delivered')
        : ageMs > OUTBOX_AGE_WARN_MS
          ? warn(
              'outbox',
              `${row.depth} queued, oldest ${Math.round(ageMs / 60_000)} min`,
              'check the service check below; queued confirmations are sent when it is back',
            )
          : ok('outbox', `${row.depth} queued, oldest ${Math.round(ageMs / 60_000)} min`);
    return [ok('database', `${path}: integrity ok`), outbox];
  } catch (error) {
    return [
      fail(
        'database',
        `${path} is damaged (${error instanceof Error ? error.message : 'unreadable'})`,
        'restart the kiosk: it moves the damaged file aside (eligibility.db.corrupt-*) and keeps undelivered confirmations it can read; send a support bundle',
      ),
    ];
  } finally {
    db?.close();
  }
}

function checkCertificate(env: DoctorEnvironment): CheckResult {
  const { certFile, keyFile } = env.config.eligibility.tls;
  const fix =
    'send tls/terminal.csr.pem to the issuer, then: uketsuke provision --certificate CERT.pem --service-ca CA.pem';
  if (!existsSync(certFile)) return fail('certificate', `no terminal certificate at ${certFile}`, fix);
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(readFileSync(certFile));
  } catch {
    return fail('certificate', `${certFile} is not a certificate`, fix);
  }
  try {
    if (!certificate.checkPrivateKey(createPrivateKey(readFileSync(keyFile)))) {
      return fail('certificate', 'the certificate is not for the terminal key', fix);
    }
  } catch {
    return fail(
      'certificate',
      `the terminal key ${keyFile} is missing or unreadable`,
      'run uketsuke provision to make a new key and CSR',
    );
  }
  const daysLeft = Math.floor((Date.parse(certificate.validTo) - env.clock.now()) / 86_400_000);
  const until = new Date(Date.parse(certificate.validTo)).toISOString().slice(0, 10);
  if (daysLeft < 0) return fail('certificate', `expired on ${until}`, fix);
  if (daysLeft < CERT_WARN_DAYS)
    return warn('certificate', `expires in ${daysLeft} days (${until})`, `renew now: ${fix}`);
  return ok('certificate', `valid until ${until} (${daysLeft} days)`);
}

function checkClinicFolder(env: DoctorEnvironment): CheckResult {
  const root = env.config.clinic.folder;
  const problems: string[] = [];
  for (const sub of ['req', 'res', 'face']) {
    const dir = join(root, sub);
    try {
      if (!statSync(dir).isDirectory()) {
        problems.push(`${sub}/ is not a folder`);
        continue;
      }
      const probe = join(dir, `.uketsuke-doctor-${process.pid}`);
      writeFileSync(probe, '');
      unlinkSync(probe);
    } catch (error) {
      problems.push(`${sub}/ not writable (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  return problems.length === 0
    ? ok('clinic folder', `${root}: req/ res/ face/ writable`)
    : fail(
        'clinic folder',
        `${root}: ${problems.join(', ')}`,
        'create the folders and give the kiosk user write access (or fix the share), then re-run doctor',
      );
}

interface Probe {
  status?: number;
  serverDate?: number;
  error?: string;
}

/** One HTTPS request with the terminal's certificate: any answer means the service is reachable. */
function probeService(env: DoctorEnvironment): Promise<Probe> {
  const { tls, timeouts, endpoint } = env.config.eligibility;
  let ca: Buffer, cert: Buffer, key: Buffer;
  try {
    [ca, cert, key] = [readFileSync(tls.caFile), readFileSync(tls.certFile), readFileSync(tls.keyFile)];
  } catch {
    return Promise.resolve({ error: 'the TLS files are not installed' });
  }
  return new Promise((resolve) => {
    const req = request(
      new URL('/', endpoint),
      { method: 'GET', ca, cert, key, timeout: timeouts.connectMs },
      (res) => {
        res.resume();
        const date = res.headers.date ? Date.parse(res.headers.date) : Number.NaN;
        resolve({ status: res.statusCode ?? 0, ...(Number.isFinite(date) ? { serverDate: date } : {}) });
      },
    );
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', (error: NodeJS.ErrnoException) => resolve({ error: error.code ?? error.message }));
    req.end();
  });
}

function serviceResults(env: DoctorEnvironment, probe: Probe): CheckResult[] {
  const endpoint = env.config.eligibility.endpoint;
  if (probe.error) {
    return [
      fail(
        'service',
        `${endpoint} unreachable (${probe.error})`,
        'check the network path to the service (closed network / VPN) and eligibility.endpoint; queued confirmations wait in the outbox',
      ),
      warn('clock', 'skew not measured (service unreachable)', 'check NTP: timedatectl status'),
    ];
  }
  const service =
    probe.status === 401 || probe.status === 403
      ? fail(
          'service',
          `${endpoint} refuses this terminal's certificate (HTTP ${probe.status})`,
          'ask the issuer whether the certificate is registered for this 医療機関コード',
        )
      : ok('service', `${endpoint} reachable over mutual TLS (HTTP ${probe.status})`);
  if (probe.serverDate === undefined)
    return [service, warn('clock', 'the service sent no Date header', 'check NTP: timedatectl status')];
  // HTTP dates have one-second resolution: a skew under a second is no skew.
  const skew = env.clock.now() - probe.serverDate;
  const seconds = Math.round(skew / 1000);
  const clock =
    Math.abs(skew) > SKEW_FAIL_MS
      ? fail(
          'clock',
          `${seconds} s off the service's clock`,
          'fix the time: timedatectl set-ntp true (certificates and consent windows depend on it)',
        )
      : Math.abs(skew) > SKEW_WARN_MS
        ? warn('clock', `${seconds} s off the service's clock`, 'check NTP: timedatectl status')
        : ok('clock', `within ${Math.max(1, Math.abs(seconds))} s of the service's clock`);
  return [service, clock];
}

export interface DoctorReport {
  checks: CheckResult[];
  summary: Record<CheckStatus, number>;
  ok: boolean;
}

export async function runDoctor(env: DoctorEnvironment): Promise<DoctorReport> {
  const checks: CheckResult[] = [];
  checks.push(await checkReaders(env));
  checks.push(checkPinPad(env));
  checks.push(...checkCameras(env));
  checks.push(...checkModels(env));
  checks.push(...checkDatabase(env));
  checks.push(checkAuditChain(env.config.eligibility.dataDir));
  checks.push(checkCertificate(env));
  checks.push(checkClinicFolder(env));
  checks.push(...serviceResults(env, await probeService(env)));
  const summary = { OK: 0, WARN: 0, FAIL: 0 };
  for (const check of checks) summary[check.status] += 1;
  return { checks, summary, ok: summary.FAIL === 0 };
}

/** One line per check, for a person at the terminal. */
export function formatDoctorLine(result: CheckResult): string {
  return `${result.status.padEnd(4)} ${result.check}: ${result.detail}${result.fix ? ` — fix: ${result.fix}` : ''}`;
}
