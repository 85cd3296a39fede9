// `npm run bench:clinic [-- --requests 1000 --latency 50]`
// 1,000 個別照会 requests dropped into req/ at once; the time until a clinic-side consumer has
// taken every answer from res/, as a ratio to the same 1,000 look-ups made directly through the
// eligibility client in the same run (same concurrency, same simulator, each run on a fresh
// database, so both start with a cold cache). The requests are 1,000 distinct patients: the
// fixture's insured persons cloned under new numbers, answered by the simulator with `--latency`
// ms per answer. The last line is one JSON object:
// {"requests","answered","duplicates","folder_s","direct_s","ratio"}.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { clinicConfigSchema } from '../electron/clinic/config';
import { startClinicFolder } from '../electron/clinic/folder-watcher';
import type { Query } from '../electron/clinic/results';
import { SIMULATED_WORLD_START, simulatedClock } from '../electron/clock';
import { eligibilityConfigSchema } from '../electron/eligibility/config';
import { createEligibilityUpstream } from '../electron/eligibility/https-upstream';
import { createFileKeyStore } from '../electron/eligibility/key-store';
import { createEligibilityService } from '../electron/eligibility/service';
import { createLogger } from '../electron/log/logger';
import { CLINIC_CODE, singleRequest, startClinicConsumer } from '../sim/clinic/clinic-system';
import { loadFixture, type Fixture } from '../sim/eligibility/fixture';
import { startEligibilitySimulator } from '../sim/eligibility/server';

const { values } = parseArgs({
  options: {
    requests: { type: 'string', default: '1000' },
    latency: { type: 'string', default: '50' },
  },
});
const count = Number(values.requests);
const latencyMs = Number(values.latency);
const root = new URL('../', import.meta.url).pathname;
// CPU time of this process (kiosk, simulator and clinic consumer alike), user + system: a
// figure that, unlike wall time, does not grow with other people's load on the machine.
const cpuSeconds = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1e6;

// 1,000 distinct insured persons: the fixture's look-up-able persons under new numbers.
const base = loadFixture().persons.filter(
  (person) => person.records.length === 1 && person.status === 'valid',
);
const persons: Fixture['persons'] = Array.from({ length: count }, (_, i) => {
  const person = base[i % base.length]!;
  const record = person.records[0]!;
  return {
    ...person,
    id: `${person.id}-${i}`,
    records: [{ ...record, number: `${record.number.slice(0, 12)}${i}` }],
  };
});
const queries: Query[] = persons.map((person, i) => {
  const record = person.records[0]!;
  return {
    insurerNumber: record.insurerNumber,
    symbol: record.symbol,
    number: record.number,
    branch: record.branch,
    birthDate: record.birthDate,
    limitConsent: true,
    arbitraryIdentifier: `patient-${i}`,
  };
});

// The simulated world's day: the fixture PKI and records are made for it.
const clock = simulatedClock(SIMULATED_WORLD_START);
const sim = await startEligibilitySimulator({
  clock,
  fixture: { persons },
  faults: { latencyMs, faults: [] },
});
const work = mkdtempSync(join(tmpdir(), 'uketsuke-bench-clinic-'));
const log = createLogger({ write: () => undefined });

function openService(name: string) {
  const config = eligibilityConfigSchema.parse({
    endpoint: sim.url,
    dataDir: join(work, name),
    tls: {
      caFile: join(root, 'sim/fixtures/eligibility/tls/test-ca.pem'),
      certFile: join(root, 'sim/fixtures/eligibility/tls/test-terminal.pem'),
      keyFile: join(root, 'sim/fixtures/eligibility/tls/test-terminal.key.pem'),
    },
  });
  const upstream = createEligibilityUpstream(config);
  const service = createEligibilityService({
    config,
    log,
    keyStore: createFileKeyStore(join(config.dataDir, 'eligibility.key')),
    upstream,
    clock,
    timers: false,
  });
  return {
    config,
    service,
    close() {
      service.close();
      upstream.close();
    },
  };
}

try {
  // Direct: the same look-ups through the client, at the concurrency the folder uses.
  const direct = openService('direct');
  const concurrency = clinicConfigSchema.parse({}).concurrency;
  let next = 0;
  const directCpu = process.cpuUsage();
  const directStart = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < queries.length) {
        const query = queries[next++]!;
        await direct.service.lookupByInsuranceCard(query);
      }
    }),
  );
  const directSeconds = (performance.now() - directStart) / 1000;
  const directCpuSeconds = cpuSeconds(process.cpuUsage(directCpu));
  direct.close();

  // Through the folder: dropped at once, answered by the watcher, taken by the clinic.
  const kiosk = openService('folder');
  const folder = join(work, 'clinic');
  mkdirSync(join(folder, 'req'), { recursive: true });
  const watcher = startClinicFolder({
    config: clinicConfigSchema.parse({ folder }),
    terminalId: 'bench',
    medicalInstitutionCode: CLINIC_CODE,
    clinicDay: kiosk.config.cache,
    eligibility: kiosk.service,
    databasePath: join(kiosk.config.dataDir, 'eligibility.db'),
    clock,
    log,
  });
  const files = queries.map((query, i) => ({
    name: `OQSsiquc01req_${String(i).padStart(6, '0')}.xml`,
    bytes: singleRequest(query),
  }));
  const consumer = startClinicConsumer(folder);
  const folderCpu = process.cpuUsage();
  const folderStart = performance.now();
  for (const file of files) writeFileSync(join(folder, 'req', file.name), file.bytes);
  await consumer.waitFor(count, 600_000);
  const folderSeconds = (performance.now() - folderStart) / 1000;
  const folderCpuSeconds = cpuSeconds(process.cpuUsage(folderCpu));
  await new Promise((resolve) => setTimeout(resolve, 500));
  consumer.stop();
  await watcher.close();
  kiosk.close();

  const load = (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').trim();
  console.log(
    `${count} requests, ${latencyMs} ms simulator latency, concurrency ${concurrency}: ` +
      `folder ${folderSeconds.toFixed(2)} s (CPU ${folderCpuSeconds.toFixed(2)} s), ` +
      `direct ${directSeconds.toFixed(2)} s (CPU ${directCpuSeconds.toFixed(2)} s); load average ${load}`,
  );
  console.log(
    JSON.stringify({
      requests: count,
      answered: consumer.answered(),
      duplicates: consumer.duplicates(),
      folder_s: Number(folderSeconds.toFixed(2)),
      direct_s: Number(directSeconds.toFixed(2)),
      ratio: Number((folderSeconds / directSeconds).toFixed(3)),
    }),
  );
} finally {
  await sim.close();
  rmSync(work, { recursive: true, force: true });
}
