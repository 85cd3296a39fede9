// The eligibility command line.
//   npm run eligibility -- batch reservations.csv [--config kiosk.json] [--concurrency 8] [--embedded-sim]
// Checks every reservation of the list (一括照会) against the configured service, with a progress
// bar, stores the answers in the cache for the reservation day, and prints a summary. With
// --embedded-sim it starts the simulator in-process and points the client at it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SIMULATED_WORLD_START, simulatedClock, systemClock } from '../electron/clock';
import { loadConfig } from '../electron/config/load-config';
import { checkReservations, readReservations, summarise } from '../electron/eligibility/batch';
import { createEligibilityUpstream } from '../electron/eligibility/https-upstream';
import { createFileKeyStore } from '../electron/eligibility/key-store';
import { createEligibilityService } from '../electron/eligibility/service';
import { isKioskError } from '../electron/errors/kiosk-error';
import { createLogger } from '../electron/log/logger';
import { startEligibilitySimulator } from '../sim/eligibility/server';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    config: { type: 'string' },
    concurrency: { type: 'string' },
    'embedded-sim': { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
  },
});

function progressBar(done: number, total: number): void {
  if (!process.stderr.isTTY && done !== total && done % 50 !== 0) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  const line = `[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total}`;
  process.stderr.write(process.stderr.isTTY ? `\r${line}${done === total ? '\n' : ''}` : `${line}\n`);
}

async function batch(file: string): Promise<number> {
  const kiosk = loadConfig(values.config);
  // One clock for the run: Japan's today on the machine's clock against a real service; the
  // simulated world's own day when the embedded simulator answers (its fixture is made for it).
  const offset = kiosk.eligibility.cache.utcOffsetMinutes;
  const clock = values['embedded-sim'] ? simulatedClock(SIMULATED_WORLD_START, offset) : systemClock(offset);
  const sim = values['embedded-sim'] ? await startEligibilitySimulator({ clock }) : undefined;
  const config = {
    ...kiosk.eligibility,
    ...(sim ? { endpoint: sim.url } : {}),
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
    ...(values.concurrency ? { batchConcurrency: Number(values.concurrency) } : {}),
  };
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    console.error(`cannot read ${file}`);
    return 2;
  }
  const read = readReservations(text, clock.today());
  if ('headerError' in read) {
    console.error(`${file}: ${read.headerError}`);
    return 2;
  }
  for (const error of read.errors) {
    console.error(
      `${file}:${error.line}${error.reservationId ? ` (${error.reservationId})` : ''}: ${error.messages.join(' ')}`,
    );
  }
  const upstream = createEligibilityUpstream(config);
  const service = createEligibilityService({
    config,
    log: createLogger({ write: () => undefined }, { clock }),
    keyStore: createFileKeyStore(join(config.dataDir, 'eligibility.key')),
    upstream,
    clock,
    timers: false,
  });
  try {
    console.error(
      `checking ${read.reservations.length} reservations against ${config.endpoint}, ${config.batchConcurrency} at a time`,
    );
    const results = await checkReservations(service, read.reservations, {
      concurrency: config.batchConcurrency,
      onProgress: progressBar,
    });
    for (const result of results) {
      if (result.status !== 'valid') {
        console.log(
          `${result.reservationId}: ${result.status}${'code' in result ? ` (${result.code})` : ''}`,
        );
      }
    }
    const summary = summarise(results);
    console.log(
      `summary: ${summary.valid} valid, ${summary.invalid} invalid, ${summary.notFound} not found, ` +
        `${summary.multiple} several found, ${summary.pending} pending, ${summary.refused} refused (wrong link), ` +
        `${summary.failed} failed; ${read.errors.length} rows rejected`,
    );
    return summary.failed > 0 || read.errors.length > 0 ? 1 : 0;
  } finally {
    service.close();
    upstream.close();
    await sim?.close();
  }
}

const [command, file] = positionals;
try {
  if (command === 'batch' && file) process.exitCode = await batch(file);
  else {
    console.error(
      'usage: npm run eligibility -- batch <reservations.csv> [--config kiosk.json] [--concurrency N] [--embedded-sim]',
    );
    process.exitCode = 2;
  }
} catch (error) {
  console.error(isKioskError(error) ? error.message : error);
  process.exitCode = 2;
}
