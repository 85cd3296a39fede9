// The kiosk started with its card reader unplugged and the eligibility service unreachable, in a
// real browser: the out-of-service screen names both for staff, the metrics say the reader is down;
// each fault cleared is seen at the next re-check, and once all is well the idle screen is back and
// a patient can start.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKioskMetrics } from '../../electron/metrics/kiosk-metrics';
import { healthProbes } from '../../electron/metrics/health-probes';
import { startMetricsServer, type MetricsServer } from '../../electron/metrics/metrics-server';
import { clockForWorld } from '../../electron/world/world';
import { startTestKiosk, type TestKiosk } from './harness';

let kiosk: TestKiosk;
let metrics: MetricsServer;

const IDLE = 'マイナンバーカードをカードリーダーに置いてください';
const OUT_OF_SERVICE = 'ただいまこの端末はご利用いただけません';

beforeAll(async () => {
  kiosk = await startTestKiosk({
    config: { reception: { healthRecheckMs: 1_000 } },
    worldFaults: { readerDetached: true, serviceUnreachable: true },
  });
  const registry = createKioskMetrics({
    clock: clockForWorld(kiosk.kiosk.config),
    terminalId: kiosk.kiosk.config.terminal.id,
    probes: healthProbes(kiosk.world.health),
  }).registry;
  metrics = await startMetricsServer({ registry, listen: 'loopback', port: 0 });
});

afterAll(async () => {
  await metrics?.close();
  await kiosk?.close();
});

/** The value of one gauge, scraped from the metrics endpoint as Prometheus would. */
async function gauge(name: string): Promise<number | undefined> {
  const body = await (await fetch(metrics.url)).text();
  const line = body.split('\n').find((l) => l.startsWith(`${name}{`));
  return line === undefined ? undefined : Number(line.split(' ').pop());
}

describe('a kiosk that cannot take patients', () => {
  it('says why for staff, re-checks, and takes patients again once the reader and the service are back', async () => {
    const page = kiosk.window.page();
    await page.getByRole('heading', { name: OUT_OF_SERVICE }).waitFor();
    const reasons = page.locator('[data-reason]');
    await expect
      .poll(() => reasons.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-reason'))))
      .toEqual(['health.reader-missing', 'health.service-unreachable']);
    await expect(page.locator('[data-reason="health.reader-missing"]').textContent()).resolves.toContain(
      'カードリーダーが見つかりません',
    );
    expect(await gauge('uketsuke_reader_up')).toBe(0);
    expect(await gauge('uketsuke_camera_up')).toBe(1);

    // The reader plugged back in: the metrics see it at once, the screen at the next re-check.
    kiosk.world.controls.setFaults({ readerDetached: false });
    expect(await gauge('uketsuke_reader_up')).toBe(1);
    await expect
      .poll(() => reasons.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-reason'))))
      .toEqual(['health.service-unreachable']);
    await expect(page.locator('[data-reason="health.service-unreachable"]').textContent()).resolves.toContain(
      '資格確認の回線につながりません',
    );
    // A card placed now starts nothing: the screen stays out of service.
    kiosk.world.controls.insertCard('yamada-taro');
    await kiosk.kiosk.reception.settled();
    expect(kiosk.kiosk.reception.state()).toBe('outOfService');
    await page.getByRole('heading', { name: OUT_OF_SERVICE }).waitFor();
    kiosk.world.controls.removeCard();

    // The service reachable again: back to idle, and the next patient starts as usual.
    kiosk.world.controls.setFaults({ serviceUnreachable: false });
    await page.getByRole('heading', { name: IDLE }).waitFor();
    kiosk.world.controls.insertCard('yamada-taro');
    await page.getByRole('heading', { name: '本人確認の方法を選んでください' }).waitFor();
    kiosk.world.controls.removeCard();
    await page.getByRole('heading', { name: IDLE }).waitFor();
  });

  it('reads the reader gauge off the same health: 0 while unplugged, 1 when back', async () => {
    kiosk.world.controls.setFaults({ readerDetached: true });
    expect(await gauge('uketsuke_reader_up')).toBe(0);
    kiosk.world.controls.setFaults({ readerDetached: false });
    expect(await gauge('uketsuke_reader_up')).toBe(1);
  });
});
