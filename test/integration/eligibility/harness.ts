// Shared set-up for the eligibility integration tests: the real simulator over real TLS on
// 127.0.0.1, a real SQLite file in a temp folder, and identities built from the simulated world's
// persons and their JPKI certificates (the PIN path signs with the person's card key).
import { sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { SIMULATED_WORLD_START, simulatedClock, type Clock } from '../../../electron/clock';
import { eligibilityConfigSchema, type EligibilityConfig } from '../../../electron/eligibility/config';
import { createEligibilityUpstream } from '../../../electron/eligibility/https-upstream';
import type { VerifiedIdentity } from '../../../electron/eligibility/identity';
import type { EligibilityOutcome } from '../../../electron/eligibility/outcome';
import { createFileKeyStore } from '../../../electron/eligibility/key-store';
import { createEligibilityService, type EligibilityService } from '../../../electron/eligibility/service';
import type { EligibilityUpstream } from '../../../electron/eligibility/upstream';
import type { Consent } from '../../../electron/eligibility/wire';
import { createLogger, memorySink } from '../../../electron/log/logger';
import {
  startEligibilitySimulator,
  type EligibilitySimulator,
  type SimulatorOptions,
} from '../../../sim/eligibility/server';

export const ROOT = new URL('../../../', import.meta.url).pathname;
const PKI = join(ROOT, 'sim/fixtures/pki/persons');
const PERSONS = join(ROOT, 'sim/fixtures/persons');

export const ALL_CONSENT: Consent = { medication: true, healthCheck: true, treatment: true, surgery: true };
export const NO_CONSENT: Consent = {
  medication: false,
  healthCheck: false,
  treatment: false,
  surgery: false,
};

export function tempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'uketsuke-eligibility-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export function testConfig(
  endpoint: string,
  dataDir: string,
  overrides: Record<string, unknown> = {},
): EligibilityConfig {
  return eligibilityConfigSchema.parse({
    endpoint,
    dataDir,
    tls: {
      caFile: join(ROOT, 'sim/fixtures/eligibility/tls/test-ca.pem'),
      certFile: join(ROOT, 'sim/fixtures/eligibility/tls/test-terminal.pem'),
      keyFile: join(ROOT, 'sim/fixtures/eligibility/tls/test-terminal.key.pem'),
    },
    timeouts: { connectMs: 2_000, requestMs: 2_000 },
    retries: { maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 50 },
    ...overrides,
  });
}

export interface TestService {
  service: EligibilityService;
  upstream: EligibilityUpstream;
  logLines: string[];
  close(): void;
}

export function openService(
  config: EligibilityConfig,
  options: { clock?: Clock; onConfirmed?: (outcome: EligibilityOutcome) => void } = {},
): TestService {
  const sink = memorySink();
  const upstream = createEligibilityUpstream(config);
  const service = createEligibilityService({
    config,
    log: createLogger(sink, { minLevel: 'debug' }),
    keyStore: createFileKeyStore(join(config.dataDir, 'eligibility.key')),
    upstream,
    timers: false,
    clock: options.clock ?? WORLD_CLOCK,
    ...(options.onConfirmed ? { onConfirmed: options.onConfirmed } : {}),
  });
  return {
    service,
    upstream,
    logLines: sink.lines,
    close() {
      service.close();
      upstream.close();
    },
  };
}

interface PersonFile {
  birthDate: string;
  sex: 'male' | 'female';
  name: string;
  address: string;
}

export function person(id: string): PersonFile {
  return JSON.parse(readFileSync(join(PERSONS, `${id}.json`), 'utf8')) as PersonFile;
}

export function certificateOf(id: string): string {
  return readFileSync(join(PKI, id, 'auth-cert.pem'), 'utf8');
}

/** What the card and face steps would hand over for this person after face verification. */
export function faceIdentity(id: string, consent: Consent = ALL_CONSENT): VerifiedIdentity {
  const p = person(id);
  return {
    method: 'face',
    authCertificatePem: certificateOf(id),
    cardBirthDate: p.birthDate,
    cardSex: p.sex,
    consent,
  };
}

/** The PIN path: the card's user-authentication key signs the service's challenge. */
export async function pinIdentity(
  id: string,
  service: EligibilityService,
  consent: Consent = ALL_CONSENT,
): Promise<VerifiedIdentity> {
  const { challenge } = await service.challenge();
  const key = readFileSync(join(PKI, id, 'auth-key.pem'), 'utf8');
  const signature = sign('sha256', Buffer.from(challenge, 'utf8'), key).toString('base64');
  // The PIN path reads no card face, so it carries no birth date or sex to cross-check.
  return {
    method: 'pin',
    authCertificatePem: certificateOf(id),
    consent,
    pinSignature: { challenge, signature },
  };
}

/** The simulated world's day (the fixture PKI and records are made for it), whatever day the tests
 *  run: one clock per test file, shared by its simulators and kiosk services. */
export const WORLD_CLOCK: Clock = simulatedClock(SIMULATED_WORLD_START);

/** The simulator on the test file's clock. */
export function startSimulator(options: Partial<SimulatorOptions> = {}): Promise<EligibilitySimulator> {
  return startEligibilitySimulator({ clock: WORLD_CLOCK, ...options });
}

export interface KioskContext {
  /** The one clock the simulator and the kiosk service share. */
  clock: Clock;
  sim: EligibilitySimulator;
  dir: { path: string; remove(): void };
  kiosk: TestService;
}

/** Starts a simulator, a temp data folder and a kiosk service around the file's tests (or each test). */
export function useKiosk(
  options: {
    perTest?: boolean;
    simulator?: Omit<SimulatorOptions, 'clock'>;
    config?: Record<string, unknown>;
  } = {},
): KioskContext {
  const context = {} as KioskContext;
  (options.perTest ? beforeEach : beforeAll)(async () => {
    context.clock = WORLD_CLOCK;
    context.sim = await startSimulator(options.simulator);
    context.dir = tempDir();
    context.kiosk = openService(testConfig(context.sim.url, context.dir.path, options.config), {
      clock: context.clock,
    });
  });
  (options.perTest ? afterEach : afterAll)(async () => {
    context.kiosk.close();
    await context.sim.close();
    context.dir.remove();
  });
  return context;
}
