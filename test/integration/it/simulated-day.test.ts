// A day at the simulated terminal: every fixture person's card on the reader, the PIN path where the
// card has one (with a wrong PIN first for one patient), the others to staff. Then: the metrics endpoint is scraped and its counters and histograms checked;
// the log folder (rotating, capped) and a support bundle are searched for every fixture person's
// personal fields.
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../../electron/clock';
import { composeKiosk, type Kiosk } from '../../../electron/compose';
import { parseConfig } from '../../../electron/config/load-config';
import type { ReceptionView } from '../../../electron/contract';
import { runItCli } from '../../../electron/it/cli';
import { rotatingFileSink } from '../../../electron/log/rotating-file-sink';
import { createLogger } from '../../../electron/log/logger';
import { createKioskMetrics, type KioskMetrics } from '../../../electron/metrics/kiosk-metrics';
import { startMetricsServer, type MetricsServer } from '../../../electron/metrics/metrics-server';
import { outboxProbe } from '../../../electron/metrics/outbox-probe';
import { startSimulatedWorld, type SimulatedWorld } from '../../../electron/world/simulated-world';
import { clockForWorld } from '../../../electron/world/world';
import { VirtualReaders } from '../../../sim/card/virtual-readers';
import { fixturePersonSecrets, personalValuesIn } from '../../support/fixture-persons';

const clock = systemClock();
const dataDir = mkdtempSync(join(tmpdir(), 'uketsuke-day-'));
const logDir = join(dataDir, 'logs');
let world: SimulatedWorld;
let kiosk: Kiosk;
let metrics: KioskMetrics;
let server: MetricsServer;
const screens: string[] = [];
/** How each visit of the day ended, by path: what the metrics must add up to. */
const endings: Array<{ person: string; path: 'pin' | 'other'; last: string }> = [];
/** How the visit ended that met the service down. */
let queuedVisit: string;

async function screen(names: Array<ReceptionView['screen']>, timeoutMs = 60_000): Promise<ReceptionView> {
  const deadline = clock.now() + timeoutMs;
  for (;;) {
    const view = kiosk.reception.view();
    if (names.includes(view.screen)) return view;
    if (clock.now() > deadline)
      throw new Error(`no ${names.join('/')} screen; seen: ${screens.slice(-20).join(' → ')}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const ALL_CONSENT = { medication: true, healthCheck: true, treatment: true, surgery: true };

/** One patient at the kiosk; returns the screen the visit ended on. */
async function visit(personId: string, pin: string | undefined, options: { wrongPinFirst?: boolean } = {}) {
  world.controls.insertCard(personId);
  const first = await screen(['choose-method', 'card-unusable', 'call-staff', 'out-of-service']);
  let last: string = first.screen;
  if (first.screen === 'choose-method' && first.methods.includes('pin') && pin) {
    kiosk.reception.chooseMethod('pin');
    await screen(['pin-entry']);
    if (options.wrongPinFirst) {
      const wrong = pin === '0000' ? '1111' : '0000';
      world.controls.pinPad.typePin(wrong);
      await waitFor(() => {
        const view = kiosk.reception.view();
        return view.screen === 'pin-entry' && view.triesLeft !== null && view.triesLeft < 3;
      });
    }
    world.controls.pinPad.typePin(pin);
    await screen(['consent']);
    kiosk.reception.submitConsent(ALL_CONSENT, true);
    // Some fixture persons' eligibility is not valid: those end with staff.
    const end = await screen(['done', 'call-staff']);
    last = end.screen === 'done' ? `done:${end.result}` : end.screen;
  } else if (first.screen === 'choose-method') {
    kiosk.reception.callStaff();
    last = (await screen(['call-staff'])).screen;
  }
  world.controls.removeCard();
  await screen(['idle']);
  return last;
}

async function waitFor(condition: () => boolean, timeoutMs = 30_000): Promise<void> {
  const deadline = clock.now() + timeoutMs;
  while (!condition()) {
    if (clock.now() > deadline) throw new Error(`condition not met; seen: ${screens.slice(-20).join(' → ')}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

function personPin(id: string): string | undefined {
  const person = JSON.parse(
    readFileSync(join(import.meta.dirname, '../../../sim/fixtures/persons', `${id}.json`), 'utf8'),
  );
  return typeof person.pin === 'string' && person.pinTriesLeft > 0 ? person.pin : undefined;
}

beforeAll(async () => {
  const config = parseConfig({
    terminal: { id: 'day-terminal' },
    eligibility: {
      dataDir: join(dataDir, 'var/eligibility'),
      retries: { maxAttempts: 1, baseDelayMs: 0 },
      // The queued visit stays queued until the scrape: no retry from the outbox timer meanwhile.
      outboxRetryMs: 3_600_000,
    },
    clinic: { folder: join(dataDir, 'var/clinic') },
    // Small files so the day rotates them: the cap is what is tested, not the default size.
    log: { maxFileBytes: 8 * 1024, maxFiles: 3 },
  });
  // The kiosk's one clock, as electron/main.ts makes it: the simulated world's own day.
  const worldClock = clockForWorld(config);
  const log = createLogger(rotatingFileSink(join(logDir, 'uketsuke.log'), config.log), {
    minLevel: 'debug',
    clock: worldClock,
  });
  world = await startSimulatedWorld({ config, log, clock: worldClock });
  kiosk = composeKiosk({ config, log, clock: worldClock, version: 'test', devices: world.devices });
  metrics = createKioskMetrics({
    clock: worldClock,
    terminalId: config.terminal.id,
    probes: {
      outbox: outboxProbe(join(config.eligibility.dataDir, 'eligibility.db'), worldClock),
      readerUp: () => true,
    },
  });
  kiosk.reception.onView((view) => {
    screens.push(view.screen);
    metrics.observeView(view);
  });
  world.services.eligibility.onUpstreamFailure((failure) => metrics.observeServiceError(failure));
  server = await startMetricsServer({ registry: metrics.registry, listen: 'loopback', port: 0 });

  const persons = fixturePersonSecrets()
    .map((p) => p.id)
    .sort();
  for (const id of persons) {
    const last = await visit(id, personPin(id), { wrongPinFirst: id === 'sato-hanako' });
    endings.push({ person: id, path: personPin(id) ? 'pin' : 'other', last });
  }
  // Last patient of the day: the service answers the confirmation with 503 (down), so it is queued.
  const again = endings.find((e) => e.last === 'done:confirmed')!.person;
  world.controls.eligibility.faults.inject({
    kind: 'status',
    status: 503,
    times: 1,
    operation: 'confirmByCard',
  });
  queuedVisit = await visit(again, personPin(again));
  endings.push({ person: again, path: 'pin', last: queuedVisit });
}, 600_000);

afterAll(async () => {
  await server?.close();
  kiosk?.dispose();
  await world?.close();
});

function sample(text: string, name: string, labels: Record<string, string> = {}): number {
  const line = text.split('\n').find((l) => {
    if (!l.startsWith(`${name}{`) && !l.startsWith(`${name} `)) return false;
    return Object.entries(labels).every(([key, value]) => l.includes(`${key}="${value}"`));
  });
  return line ? Number(line.split(' ').at(-1)) : Number.NaN;
}

describe('a simulated day', () => {
  it('the metrics endpoint counts the visits, the PIN failure and the card-read latencies', async () => {
    const text = await (await fetch(server.url)).text();
    expect(queuedVisit).toBe('done:queued');
    const confirmedByPin = endings.filter((e) => e.last === 'done:confirmed').length;
    expect(confirmedByPin).toBeGreaterThan(3);
    expect(sample(text, 'uketsuke_visits_total', { path: 'pin', outcome: 'confirmed' })).toBe(confirmedByPin);
    const visitsCounted = [...text.matchAll(/^uketsuke_visits_total\{[^}]*\} (\d+)$/gm)].reduce(
      (sum, match) => sum + Number(match[1]),
      0,
    );
    expect(visitsCounted).toBe(endings.length);
    expect(sample(text, 'uketsuke_pin_failures_total')).toBe(1);
    const readCount = sample(text, 'uketsuke_card_read_seconds_count');
    expect(readCount).toBeGreaterThanOrEqual(fixturePersonSecrets().length - 2);
    expect(sample(text, 'uketsuke_card_read_seconds_bucket', { le: '+Inf' })).toBe(readCount);
    // Queued visits are visits: the one answered 処理中 by the service (ito-android) and the one that
    // met the service down. Only the second is a service error — its one failed confirm call — and
    // only its confirmation waits in the outbox.
    const queuedVisits = endings.filter((e) => e.last === 'done:queued').length;
    expect(queuedVisits).toBe(2);
    expect(sample(text, 'uketsuke_visits_total', { path: 'pin', outcome: 'queued' })).toBe(queuedVisits);
    expect(
      sample(text, 'uketsuke_service_errors_total', { operation: 'confirm', reason: 'unavailable' }),
    ).toBe(1);
    const unavailable = [
      ...text.matchAll(/^uketsuke_service_errors_total\{[^}]*reason="unavailable"[^}]*\} (\d+)$/gm),
    ];
    expect(unavailable.reduce((sum, match) => sum + Number(match[1]), 0)).toBe(1);
    expect(sample(text, 'uketsuke_outbox_depth')).toBe(1);
    expect(sample(text, 'uketsuke_outbox_oldest_age_seconds')).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'uketsuke_reader_up')).toBe(1);
    expect(text).toMatch(/terminal="day-terminal"/);
    expect(personalValuesIn(text)).toEqual([]);
    // Every label value is from a fixed vocabulary.
    const labelValues = [...text.matchAll(/(\w+)="([^"]*)"/g)].map(([, key, value]) => `${key}=${value}`);
    for (const label of labelValues) {
      expect(label).toMatch(
        /^(terminal=day-terminal|path=(face|pin|staff|none)|outcome=(confirmed|queued|staff|card-unusable|abandoned)|operation=(challenge|confirm|lookup|medication|health-check|disaster-medication)|reason=(unavailable|tls|bad-answer|refused)|le=[\d.+Inf]+)$/,
      );
    }
  });

  it('the log folder is capped and holds no fixture person’s name, kana, address, birth date, PIN or security code', () => {
    const files = readdirSync(logDir);
    expect(files.length).toBeGreaterThan(1); // the day rotated at least once
    expect(files.length).toBeLessThanOrEqual(4);
    const text = files.map((file) => readFileSync(join(logDir, file), 'utf8')).join('\n');
    expect(text).toMatch(/"event":"sim.card-inserted"/);
    expect(personalValuesIn(text)).toEqual([]);
  });

  it('a support bundle has the config, versions, doctor output and log lines, and nothing personal', async () => {
    const out = join(dataDir, 'bundle.json');
    writeConfig();
    const result = await runItCli(
      ['support-bundle', '--data-dir', dataDir, '--out', out, '--lines', '2000'],
      { out: () => undefined, err: () => undefined },
      {
        clock,
        appVersion: 'test',
        devices: () => ({
          readers: new VirtualReaders(),
          listCameras: () => [],
          listHidDevices: () => [],
          readerSettleMs: 0,
        }),
      },
    );
    expect(result).toBe(0);
    const bundle = readFileSync(out, 'utf8');
    const parsed = JSON.parse(bundle);
    expect(parsed.versions.node).toBe(process.versions.node);
    expect(parsed.config.terminal.id).toBe('day-terminal');
    expect(parsed.doctor.checks.length).toBeGreaterThan(8);
    expect(parsed.log.length).toBeGreaterThan(100);
    expect(personalValuesIn(bundle)).toEqual([]);
  });
});

/** The day's config in the data folder, where the support bundle reads it. */
function writeConfig(): void {
  const config = {
    terminal: { id: 'day-terminal' },
    eligibility: { dataDir: 'var/eligibility' },
    clinic: { folder: 'var/clinic' },
  };
  writeFileSync(join(dataDir, 'config.json'), JSON.stringify(config));
}
