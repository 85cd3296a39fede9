// The eligibility command line.
//   npm run eligibility -- batch reservations.csv [--config kiosk.json] [--data-dir DIR] [--host electron|browser]
//                                             [--concurrency 8] [--embedded-sim]
// Checks every reservation of the list (一括照会) against the configured service, with a progress
// bar, stores the answers in the kiosk's own cache (its database and key, found as the kiosk finds
// them: scripts/cli-kiosk.ts) for the reservation day, audits the run, and prints a summary. With
// --embedded-sim it starts the simulator in-process and points the client at it. A hardware
// terminal's key is sealed by Electron's safeStorage, which plain Node cannot open: there the
// staff console's 一括照会 page runs the same check inside the kiosk.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SIMULATED_WORLD_START, simulatedClock, systemClock } from '../electron/clock';
import { checkReservations, readReservations, summarise } from '../electron/eligibility/batch';
import { createEligibilityUpstream } from '../electron/eligibility/https-upstream';
import { createFileKeyStore } from '../electron/eligibility/key-store';
import { createEligibilityService } from '../electron/eligibility/service';
import { isKioskError } from '../electron/errors/kiosk-error';
import { createLogger } from '../electron/log/logger';
import { openStaffServices } from '../electron/staff/index';
import { startEligibilitySimulator } from '../sim/eligibility/server';
import { kioskTarget } from './cli-kiosk';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    config: { type: 'string' },
    concurrency: { type: 'string' },
    'embedded-sim': { type: 'boolean', default: false },
    'data-dir': { type: 'string' },
    host: { type: 'string' },
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
  const { config: kiosk, dataDir } = kioskTarget(values);
  if (kiosk.world === 'hardware') {
    console.error(
      "this terminal's database key is sealed by the kiosk (safeStorage): run the batch from the staff console's 一括照会 page",
    );
    return 2;
  }
  // One clock for the run: Japan's today on the machine's clock against a real service; the
  // simulated world's own day when the embedded simulator answers (its fixture is made for it).
  const offset = kiosk.eligibility.cache.utcOffsetMinutes;
  const clock = values['embedded-sim'] ? simulatedClock(SIMULATED_WORLD_START, offset) : systemClock(offset);
  const sim = values['embedded-sim'] ? await startEligibilitySimulator({ clock }) : undefined;
  const config = {
    ...kiosk.eligibility,
    ...(sim ? { endpoint: sim.url } : {}),
    dataDir,
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
    const staff = openStaffServices({ dataDir, clock });
    try {
      const { total: rows, ...counts } = summary;
      staff.audit.record({
        actor: 'it',
        action: 'eligibility.batch-run',
        outcome: 'ok',
        detail: { where: 'cli', rows, rejected: read.errors.length, ...counts },
      });
    } finally {
      staff.close();
    }
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
