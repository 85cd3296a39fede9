// Real kiosk processes on one real folder: one killed with SIGKILL in the middle of a burst and
// started again, and two kiosks sharing the folder. Every request is answered exactly once (the
// clinic-side consumer would see an answer written twice as two arrivals).
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startClinicConsumer, type ClinicConsumer } from '../../../sim/clinic/clinic-system';
import { ROOT, useKiosk } from '../eligibility/harness';
import { drop, manyRequest } from './folder-harness';

const t = useKiosk({ perTest: true });
const children: ChildProcess[] = [];
let consumer: ClinicConsumer | undefined;

afterEach(() => {
  consumer?.stop();
  for (const child of children.splice(0)) child.kill('SIGKILL');
});

async function startKiosk(dataDir: string, folder: string, terminalId: string): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      '--import',
      'tsx',
      join(ROOT, 'test/integration/clinic/kiosk-child.ts'),
      t.sim.url,
      dataDir,
      folder,
      terminalId,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  children.push(child);
  await once(child.stdout!, 'data');
  return child;
}

function dropMany(folder: string, count: number) {
  for (let i = 0; i < count; i++) {
    const { name, bytes } = manyRequest(i);
    drop(folder, name, bytes);
  }
}

describe('kiosk processes on the clinic folder', () => {
  it('answers every request exactly once across a SIGKILL in the middle of a burst', async () => {
    const folder = join(t.dir.path, 'clinic');
    mkdirSync(join(folder, 'req'), { recursive: true });
    consumer = startClinicConsumer(folder, 5);
    const dataDir = join(t.dir.path, 'kiosk');
    const first = await startKiosk(dataDir, folder, 'kiosk-a');
    dropMany(folder, 300);
    await consumer.waitFor(60);
    first.kill('SIGKILL');
    await once(first, 'exit');
    const before = consumer.answered();
    expect(before).toBeLessThan(300);
    await startKiosk(dataDir, folder, 'kiosk-a');
    await consumer.waitFor(300);
    await new Promise((resolve) => setTimeout(resolve, 500));
    consumer.stop();
    expect(consumer.answered()).toBe(300);
    expect(consumer.duplicates()).toBe(0);
    expect(readdirSync(join(folder, 'trash'))).toHaveLength(300);
    expect(readdirSync(join(folder, 'claimed', 'kiosk-a'))).toEqual([]);
  });

  it('lets two kiosks share one folder without ever answering the same request', async () => {
    const folder = join(t.dir.path, 'clinic');
    mkdirSync(join(folder, 'req'), { recursive: true });
    consumer = startClinicConsumer(folder, 5);
    await startKiosk(join(t.dir.path, 'kiosk-a'), folder, 'kiosk-a');
    await startKiosk(join(t.dir.path, 'kiosk-b'), folder, 'kiosk-b');
    dropMany(folder, 400);
    await consumer.waitFor(400);
    await new Promise((resolve) => setTimeout(resolve, 500));
    consumer.stop();
    expect(consumer.answered()).toBe(400);
    expect(consumer.duplicates()).toBe(0);
    expect(readdirSync(join(folder, 'trash'))).toHaveLength(400);
    expect(readdirSync(join(folder, 'req'))).toEqual([]);
  });
});
