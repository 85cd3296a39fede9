// The outbox survives a killed process: a child kiosk process is killed with SIGKILL while its
// confirmation is in flight; after a restart the confirmation is sent again with the same
// idempotency key, the service processes it once, and nothing is lost.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EligibilitySimulator, KeyStats } from '../../../sim/eligibility/server';
import { openService, ROOT, startSimulator, tempDir, testConfig } from './harness';

let sim: EligibilitySimulator;
let dir: ReturnType<typeof tempDir>;
let child: ChildProcess | undefined;

beforeEach(async () => {
  sim = await startSimulator();
  dir = tempDir();
});
afterEach(async () => {
  child?.kill('SIGKILL');
  await sim.close();
  dir.remove();
});

function startChild(personId: string): ChildProcess {
  const script = join(ROOT, 'test/integration/eligibility/confirm-child.ts');
  child = spawn(process.execPath, ['--import', 'tsx', script, sim.url, dir.path, personId], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return child;
}

/** Waits until the simulator has seen a confirmation reach `stage`; returns its key. */
async function waitForConfirmation(stage: (stats: KeyStats) => boolean): Promise<string> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    for (const [key, stats] of sim.stats().byKey)
      if (stats.operation === 'confirmByCard' && stage(stats)) return key;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the child never sent its confirmation');
}

async function kill(process: ChildProcess): Promise<NodeJS.Signals | null> {
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    process.once('exit', (_code, signal) => resolve(signal)),
  );
  process.kill('SIGKILL');
  return exited;
}

describe('outbox across a killed process', () => {
  it('killed after the service processed it but before the answer arrived: sent once, not twice', async () => {
    sim.faults.inject({ kind: 'hold-after', ms: 60_000, times: 1, operation: 'confirmByCard' });
    const running = startChild('yamada-taro');
    const key = await waitForConfirmation((stats) => stats.processed === 1);
    expect(await kill(running)).toBe('SIGKILL');

    const restarted = openService(testConfig(sim.url, dir.path));
    try {
      expect(restarted.service.outboxStatus().count).toBe(1);
      expect(await restarted.service.flushOutbox({ force: true })).toEqual({ delivered: 1, stillQueued: 0 });
      expect(restarted.service.confirmation(key)?.outcome?.status).toBe('valid');
      expect(await restarted.service.flushOutbox({ force: true })).toEqual({ delivered: 0, stillQueued: 0 });
      const stats = sim.stats().byKey.get(key)!;
      expect({ received: stats.received, processed: stats.processed }).toEqual({ received: 2, processed: 1 });
      expect([...sim.stats().byKey.values()].filter((s) => s.operation === 'confirmByCard')).toHaveLength(1);
    } finally {
      restarted.close();
    }
  });

  it('killed before the service processed it: the restart sends it and nothing is lost', async () => {
    sim.faults.inject({ kind: 'timeout', times: 1, operation: 'confirmByCard' });
    const running = startChild('sato-hanako');
    const key = await waitForConfirmation((stats) => stats.received === 1);
    expect(sim.stats().byKey.get(key)!.processed).toBe(0);
    await kill(running);

    const restarted = openService(testConfig(sim.url, dir.path));
    try {
      expect(await restarted.service.flushOutbox({ force: true })).toEqual({ delivered: 1, stillQueued: 0 });
      expect(restarted.service.confirmation(key)?.outcome?.records[0]?.name).toBe('佐藤　花子');
      expect(sim.stats().byKey.get(key)!.processed).toBe(1);
    } finally {
      restarted.close();
    }
  });
});
