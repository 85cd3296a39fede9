// The service-error counter counts failed calls to the eligibility service, not visits: a visit
// that ends queued is a visit (path pin, outcome queued); the failed call behind it is the error.
import { describe, expect, it } from 'vitest';
import { manualClock, SIMULATED_WORLD_START } from '../clock';
import type { ReceptionView } from '../contract';
import { createKioskMetrics } from './kiosk-metrics';

const NOTICE = { code: 'kiosk.internal' } as unknown as never;
let revision = 0;
const view = (screen: Partial<ReceptionView> & { screen: ReceptionView['screen'] }): ReceptionView =>
  ({ language: 'ja', sessionGeneration: 1, revision: ++revision, ...screen }) as ReceptionView;

const PIN_VISIT_QUEUED: ReceptionView[] = [
  view({ screen: 'reading-card' }),
  view({ screen: 'pin-entry', digitsEntered: 0, triesLeft: 3, notice: null }),
  view({ screen: 'consent' }),
  view({ screen: 'confirming' }),
  view({ screen: 'done', result: 'queued', next: NOTICE }),
  view({ screen: 'idle' }),
];

async function sample(metrics: ReturnType<typeof createKioskMetrics>, name: string) {
  return (await metrics.registry.getSingleMetric(name)!.get()).values;
}

describe('uketsuke_service_errors_total', () => {
  it('does not count a queued visit; counts each failed call by operation and reason', async () => {
    const metrics = createKioskMetrics({ clock: manualClock(SIMULATED_WORLD_START), terminalId: 't1' });
    for (const next of PIN_VISIT_QUEUED) metrics.observeView(next);
    expect(await sample(metrics, 'uketsuke_service_errors_total')).toEqual([]);
    expect(await sample(metrics, 'uketsuke_visits_total')).toEqual([
      expect.objectContaining({ labels: { path: 'pin', outcome: 'queued' }, value: 1 }),
    ]);

    metrics.observeServiceError({ operation: 'confirm', failure: 'unavailable' });
    metrics.observeServiceError({ operation: 'confirm', failure: 'unavailable' });
    metrics.observeServiceError({ operation: 'lookup', failure: 'bad-answer' });
    const errors = await sample(metrics, 'uketsuke_service_errors_total');
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ labels: { operation: 'confirm', reason: 'unavailable' }, value: 2 }),
        expect.objectContaining({ labels: { operation: 'lookup', reason: 'bad-answer' }, value: 1 }),
      ]),
    );
    expect(errors).toHaveLength(2);
  });
});

describe('uketsuke_pin_failures_total', () => {
  it('counts the wrong PIN that leads to the last-try confirmation, even when staff take over there', async () => {
    const metrics = createKioskMetrics({ clock: manualClock(SIMULATED_WORLD_START), terminalId: 't1' });
    for (const next of [
      view({ screen: 'reading-card' }),
      view({ screen: 'pin-entry', digitsEntered: 0, triesLeft: 3, notice: null, keypad: null }),
      view({ screen: 'pin-entry', digitsEntered: 0, triesLeft: 2, notice: NOTICE, keypad: null }),
      view({ screen: 'pin-last-try', notice: NOTICE }),
      view({ screen: 'call-staff' }),
      view({ screen: 'idle' }),
    ])
      metrics.observeView(next);
    expect(await sample(metrics, 'uketsuke_pin_failures_total')).toEqual([
      expect.objectContaining({ value: 2 }),
    ]);
    expect(await sample(metrics, 'uketsuke_visits_total')).toEqual([
      expect.objectContaining({ labels: { path: 'pin', outcome: 'staff' }, value: 1 }),
    ]);
  });
});
