// Transient failures, lying answers and outages: retried with the same idempotency key, queued in
// the durable outbox when they persist, and processed by the service exactly once in the end.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFaceResult } from '../../../electron/clinic/clinic-folder';
import { decodeShiftJis } from '../../../electron/clinic/shift-jis';
import { faceIdentity, openService, startSimulator, testConfig, useKiosk } from './harness';

const t = useKiosk({ perTest: true, config: { timeouts: { connectMs: 2_000, requestMs: 1_500 } } });

const keyStats = (requestId: string) => {
  const stats = t.sim.stats().byKey.get(requestId);
  return stats ? { received: stats.received, processed: stats.processed } : undefined;
};

describe('retries within one request', () => {
  it.each([
    ['HTTP 503 twice', { kind: 'status' as const, status: 503, times: 2 }, 3],
    ['a dropped connection', { kind: 'drop' as const, times: 1 }, 2],
    ['no answer within the timeout', { kind: 'timeout' as const, times: 1 }, 2],
  ])('recovers from %s and the service processes it once', async (_label, fault, received) => {
    t.sim.faults.inject({ ...fault, operation: 'confirmByCard' });
    const outcome = await t.kiosk.service.confirm(faceIdentity('yamada-taro'));
    expect(outcome.status).toBe('valid');
    expect(keyStats(outcome.requestId)).toEqual({ received, processed: 1 });
    expect(t.kiosk.service.outboxStatus().count).toBe(0);
  });

  it('resends with the same key when the answer was lost after processing: processed once', async () => {
    t.sim.faults.inject({ kind: 'drop-after', times: 1, operation: 'confirmByCard' });
    const outcome = await t.kiosk.service.confirm(faceIdentity('sato-hanako'));
    expect(outcome.status).toBe('valid');
    expect(keyStats(outcome.requestId)).toEqual({ received: 2, processed: 1 });
  });
});

describe('the outbox', () => {
  it('queues a confirmation while the service is unreachable and sends it once when it is back', async () => {
    const port = t.sim.port;
    await t.sim.close();
    const pending = await t.kiosk.service.confirm(faceIdentity('yamada-taro'));
    expect(pending).toMatchObject({
      status: 'pending',
      source: 'queued',
      pendingReason: 'eligibility.unavailable',
    });
    expect(t.kiosk.service.outboxStatus().count).toBe(1);

    // Flushing while still down changes nothing and loses nothing.
    expect(await t.kiosk.service.flushOutbox({ force: true })).toEqual({ delivered: 0, stillQueued: 1 });
    expect(t.kiosk.service.confirmation(pending.requestId)?.entry.attempts).toBe(2);

    t.sim = await startSimulator({ port });
    expect(await t.kiosk.service.flushOutbox({ force: true })).toEqual({ delivered: 1, stillQueued: 0 });
    expect(t.kiosk.service.confirmation(pending.requestId)?.outcome?.status).toBe('valid');
    expect(await t.kiosk.service.flushOutbox({ force: true })).toEqual({ delivered: 0, stillQueued: 0 });
    expect(keyStats(pending.requestId)).toEqual({ received: 1, processed: 1 });
  });

  it('waits for the retry interval unless forced', async () => {
    t.sim.faults.inject({ kind: 'status', status: 500, times: 3, operation: 'confirmByCard' });
    const pending = await t.kiosk.service.confirm(faceIdentity('yamada-taro'));
    expect(pending.status).toBe('pending');
    expect(await t.kiosk.service.flushOutbox()).toEqual({ delivered: 0, stillQueued: 1 });
    expect(keyStats(pending.requestId)).toEqual({ received: 3, processed: 0 });
    expect(await t.kiosk.service.flushOutbox({ force: true })).toEqual({ delivered: 1, stillQueued: 0 });
  });

  it('never believes a malformed answer: the confirmation stays queued and is completed by a resend', async () => {
    t.sim.faults.inject({ kind: 'malformed', times: 1, operation: 'confirmByCard' });
    const outcome = await t.kiosk.service.confirm(faceIdentity('sato-hanako'));
    expect(outcome).toMatchObject({
      status: 'pending',
      pendingReason: 'eligibility.bad-answer',
      records: [],
    });
    expect(t.kiosk.logLines.join('')).toContain('eligibility.confirmation-queued');

    await t.kiosk.service.flushOutbox({ force: true });
    expect(t.kiosk.service.confirmation(outcome.requestId)?.outcome?.status).toBe('valid');
    expect(keyStats(outcome.requestId)).toEqual({ received: 2, processed: 1 });
  });

  it('a refusal is final: recorded once, never retried', async () => {
    const outcome = await t.kiosk.service.confirm(faceIdentity('nakamura-goro'));
    expect(outcome.status).toBe('refused');
    expect(await t.kiosk.service.flushOutbox({ force: true })).toEqual({ delivered: 0, stillQueued: 0 });
    expect(keyStats(outcome.requestId)).toEqual({ received: 1, processed: 1 });
  });

  it('writes the clinic’s face/ result when a queued confirmation is finally answered', async () => {
    const clinic = join(t.dir.path, 'clinic');
    const written: string[] = [];
    const local = openService(testConfig(t.sim.url, join(t.dir.path, 'second')), {
      onConfirmed: (outcome) => written.push(writeFaceResult(clinic, outcome, '1311111114').path),
    });
    try {
      t.sim.faults.inject({ kind: 'status', status: 503, times: 3, operation: 'confirmByCard' });
      const pending = await local.service.confirm(faceIdentity('yamada-taro'));
      expect(pending.status).toBe('pending');
      expect(written).toEqual([]);
      await local.service.flushOutbox({ force: true });
      expect(written).toHaveLength(1);
      const xml = decodeShiftJis(readFileSync(written[0]!));
      expect(xml).toContain('<QualificationValidity>1</QualificationValidity>');
      expect(xml).toContain('<Name>山田　太郎</Name>');
      expect(readdirSync(join(clinic, 'face'))).toHaveLength(1);
    } finally {
      local.close();
    }
  });
});
