// `npm run bench:eligibility [-- --batch 1000 --latency 50 --concurrency N --samples 200]`
// Measures, against the simulator over real mutual TLS and a real SQLite file in a temp folder:
// - cache-miss latency (a look-up answered by the service) and cache-hit latency (from SQLite),
//   as medians;
// - a batch check of `--batch` reservations with `--latency` ms injected per answer at the
//   configured concurrency, as throughput and as a ratio to the ideal (batch × latency / concurrency).
// The batch runs against a simulator in its own process (as the real service would be), so the
// client's CPU time is not shared with the service's.
// The last line is one JSON object: {"hit_ms","miss_ms","batch","concurrency","batch_s","ideal_s","ratio"}.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { checkReservations, summarise, type Reservation } from '../electron/eligibility/batch';
import { eligibilityConfigSchema } from '../electron/eligibility/config';
import { createEligibilityUpstream } from '../electron/eligibility/https-upstream';
import { SIMULATED_WORLD_START, simulatedClock, localDate } from '../electron/clock';
import { createFileKeyStore } from '../electron/eligibility/key-store';
import { createEligibilityService } from '../electron/eligibility/service';
import { createLogger } from '../electron/log/logger';
import { loadFixture } from '../sim/eligibility/fixture';
import { startEligibilitySimulator } from '../sim/eligibility/server';

const { values } = parseArgs({
  options: {
    batch: { type: 'string', default: '1000' },
    latency: { type: 'string', default: '50' },
    concurrency: { type: 'string' },
    samples: { type: 'string', default: '200' },
  },
});
const batchSize = Number(values.batch);
const latencyMs = Number(values.latency);
const samples = Number(values.samples);

const median = (numbers: number[]) => {
  const sorted = [...numbers].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
};
const round = (value: number, digits: number) => Number(value.toFixed(digits));

/** The simulated world's day: the fixture certificates and records are made for it. */
const clock = simulatedClock(SIMULATED_WORLD_START);
const sim = await startEligibilitySimulator({ clock });
const dataDir = mkdtempSync(join(tmpdir(), 'uketsuke-bench-eligibility-'));
const root = new URL('../', import.meta.url).pathname;
const config = eligibilityConfigSchema.parse({
  endpoint: sim.url,
  dataDir,
  tls: {
    caFile: join(root, 'sim/fixtures/eligibility/tls/test-ca.pem'),
    certFile: join(root, 'sim/fixtures/eligibility/tls/test-terminal.pem'),
    keyFile: join(root, 'sim/fixtures/eligibility/tls/test-terminal.key.pem'),
  },
  ...(values.concurrency ? { batchConcurrency: Number(values.concurrency) } : {}),
});
const upstream = createEligibilityUpstream(config);
const service = createEligibilityService({
  config,
  log: createLogger({ write: () => undefined }),
  keyStore: createFileKeyStore(join(dataDir, 'eligibility.key')),
  upstream,
  timers: false,
  clock,
});

try {
  // Every record of the fixture, as typed insurance details.
  const inputs = loadFixture().persons.flatMap((person) =>
    person.records.map((record) => ({
      insurerNumber: record.insurerNumber,
      ...(record.symbol ? { symbol: record.symbol } : {}),
      number: record.number,
      ...(record.branch ? { branch: record.branch } : {}),
      birthDate: record.birthDate,
    })),
  );
  const time = async (run: () => Promise<unknown>) => {
    const start = performance.now();
    await run();
    return performance.now() - start;
  };

  for (let i = 0; i < 20; i++)
    await service.lookupByInsuranceCard(inputs[i % inputs.length]!, { refresh: true }); // warm-up
  const miss: number[] = [];
  for (let i = 0; i < samples; i++) {
    miss.push(await time(() => service.lookupByInsuranceCard(inputs[i % inputs.length]!, { refresh: true })));
  }
  const hit: number[] = [];
  for (let i = 0; i < samples; i++)
    hit.push(await time(() => service.lookupByInsuranceCard(inputs[i % inputs.length]!)));
  console.log(
    `cache miss: median ${median(miss).toFixed(2)} ms over ${samples} look-ups (service over mTLS, no injected latency)`,
  );
  console.log(`cache hit:  median ${median(hit).toFixed(3)} ms over ${samples} look-ups (SQLite + AES-GCM)`);

  const tomorrow = localDate(clock.now() + 86_400_000);
  const reservations: Reservation[] = Array.from({ length: batchSize }, (_, index) => ({
    line: index + 2,
    reservationId: `B-${index + 1}`,
    date: tomorrow,
    insurance: inputs[index % inputs.length]!,
  }));
  const remote = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'sim/eligibility/main.ts'), '--port', '0', '--latency', String(latencyMs)],
    { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const [firstLine] = (await once(remote.stdout!, 'data')) as [Buffer];
  const remoteUrl = /listening on (\S+)/.exec(firstLine.toString())?.[1];
  if (!remoteUrl) throw new Error(`the simulator did not start: ${firstLine.toString()}`);
  const remoteUpstream = createEligibilityUpstream(config, remoteUrl);
  const batchService = createEligibilityService({
    config: { ...config, dataDir: join(dataDir, 'batch') },
    log: createLogger({ write: () => undefined }),
    keyStore: createFileKeyStore(join(dataDir, 'batch', 'eligibility.key')),
    upstream: remoteUpstream,
    timers: false,
    clock,
  });
  const start = performance.now();
  const results = await checkReservations(batchService, reservations, {
    concurrency: config.batchConcurrency,
  });
  const batchSeconds = (performance.now() - start) / 1000;
  batchService.close();
  remoteUpstream.close();
  remote.kill('SIGTERM');
  const summary = summarise(results);
  const idealSeconds = (batchSize * latencyMs) / 1000 / config.batchConcurrency;
  console.log(
    `batch: ${batchSize} reservations, ${latencyMs} ms injected latency, concurrency ${config.batchConcurrency}: ` +
      `${batchSeconds.toFixed(2)} s (${(batchSize / batchSeconds).toFixed(1)} per s); ideal ${idealSeconds.toFixed(2)} s; ` +
      `${summary.valid} valid, ${summary.invalid} invalid, ${summary.notFound} not found, ${summary.multiple} several, ${summary.failed} failed`,
  );
  console.log(
    JSON.stringify({
      hit_ms: round(median(hit), 3),
      miss_ms: round(median(miss), 2),
      batch: batchSize,
      concurrency: config.batchConcurrency,
      batch_s: round(batchSeconds, 2),
      ideal_s: round(idealSeconds, 2),
      ratio: round(batchSeconds / idealSeconds, 3),
    }),
  );
} finally {
  service.close();
  upstream.close();
  await sim.close();
  rmSync(dataDir, { recursive: true, force: true });
}
