// Look-ups by insurance card numbers, the answer cache, and the batch check of reservations,
// against the real simulator and a real SQLite file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../electron/clock';
import { checkReservations, readReservations, summarise } from '../../../electron/eligibility/batch';
import { InsuranceInputError } from '../../../electron/eligibility/service';
import { LIMIT_CLASS_FLAGS } from '../../../electron/eligibility/wire';
import { loadFixture } from '../../../sim/eligibility/fixture';
import { openService, ROOT, testConfig, useKiosk } from './harness';

const t = useKiosk();

const yamada = {
  insurerNumber: '01130012',
  symbol: '1020304',
  number: '12',
  branch: '00',
  birthDate: '1984-04-30',
};

describe('look-up by insurance card numbers', () => {
  it.each([
    ['valid', yamada],
    [
      'invalid',
      { insurerNumber: '01130012', symbol: '2030405', number: '7', branch: '00', birthDate: '1968-11-03' },
    ],
    [
      'invalid-newer-record',
      { insurerNumber: '138222', symbol: '浦和', number: '0098765', branch: '01', birthDate: '1955-06-20' },
    ],
    [
      'multiple',
      { insurerNumber: '01130012', symbol: '6070809', number: '55', branch: '00', birthDate: '2001-01-01' },
    ],
    ['not-found', { ...yamada, number: '13' }],
  ])('answers %s', async (status, input) => {
    const outcome = await t.kiosk.service.lookupByInsuranceCard(input, { refresh: true });
    expect(outcome.status).toBe(status);
  });

  it('reuses today’s answer from the cache without asking the service again', async () => {
    const first = await t.kiosk.service.lookupByInsuranceCard(yamada, { refresh: true });
    const before = t.sim.stats().requests;
    const second = await t.kiosk.service.lookupByInsuranceCard(yamada);
    expect(t.sim.stats().requests).toBe(before);
    expect(second.source).toBe('cache');
    expect(second.records).toEqual(first.records);
  });

  it('stops reusing an answer once the clinic day is over', async () => {
    const clock = manualClock('2026-11-25T01:00:00Z'); // 10:00 JST
    const local = openService(testConfig(t.sim.url, t.dir.path), { clock });
    try {
      await local.service.lookupByInsuranceCard(yamada, { refresh: true });
      clock.set('2026-11-25T18:59:00Z'); // 03:59 JST next morning: still the same clinic day
      expect((await local.service.lookupByInsuranceCard(yamada)).source).toBe('cache');
      clock.set('2026-11-25T19:00:00Z'); // 04:00 JST: a new clinic day
      expect((await local.service.lookupByInsuranceCard(yamada)).source).toBe('service');
    } finally {
      local.close();
    }
  });

  it('validates typed numbers before anything is sent: check digit, lengths, characters', async () => {
    const before = t.sim.stats().requests;
    const error = await t.kiosk.service
      .lookupByInsuranceCard({ ...yamada, insurerNumber: '01130013', branch: '0' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InsuranceInputError);
    expect((error as InsuranceInputError).problems.map((p) => `${p.field}:${p.problem}`)).toEqual([
      'insurerNumber:check-digit',
      'branch:length',
    ]);
    expect(t.sim.stats().requests).toBe(before);
  });

  it('takes a baby born today in Japan before 09:00 JST (still yesterday in UTC)', async () => {
    const clock = manualClock('2026-12-03T08:00:00+09:00'); // 2026-12-02T23:00Z
    const local = openService(testConfig(t.sim.url, t.dir.path), { clock });
    try {
      const newborn = { ...yamada, birthDate: '2026-12-03' };
      const outcome = await local.service.lookupByInsuranceCard(newborn, { refresh: true });
      expect(outcome.status).toBe('not-found'); // asked, not refused as "born in the future"
      const error = await local.service
        .lookupByInsuranceCard({ ...yamada, birthDate: '2026-12-04' })
        .catch((e: unknown) => e);
      expect((error as InsuranceInputError).problems.map((p) => p.field)).toEqual(['birthDate']);
    } finally {
      local.close();
    }
  });

  it('refuses a record for another birth date than the one typed (lying service)', async () => {
    t.sim.faults.inject({ kind: 'wrong-person', times: 1, operation: 'lookupByInsuranceCard' });
    const outcome = await t.kiosk.service.lookupByInsuranceCard(yamada, { refresh: true });
    expect(outcome.status).toBe('refused');
    expect(outcome.refusal).toEqual({ code: 'eligibility.wrong-link', mismatches: ['birthDate'] });
    expect(outcome.records).toEqual([]);
  });

  it('returns every 限度額 class, 後期高齢者 without branch numbers, and the 医療扶助 ticket', async () => {
    const fixture = loadFixture();
    const seen = new Set<string>();
    for (const person of fixture.persons) {
      const record = person.records[0];
      if (!record || person.status !== 'valid' || person.id.startsWith('lookup-duplicate')) continue;
      const outcome = await t.kiosk.service.lookupByInsuranceCard(
        {
          insurerNumber: record.insurerNumber,
          symbol: record.symbol,
          number: record.number,
          branch: record.branch,
          birthDate: record.birthDate,
        },
        { refresh: true },
      );
      expect(outcome.status, person.id).toBe('valid');
      const flag = outcome.records[0]?.limitApplication?.classFlag;
      if (flag) seen.add(flag);
      if (person.id === 'garbage-card') {
        expect(outcome.records[0]).toMatchObject({
          cardClassification: 'A1',
          publicAssistanceTicket: { ticketType: '1' },
        });
      }
    }
    expect([...seen].sort()).toEqual([...LIMIT_CLASS_FLAGS].filter((flag) => flag !== 'B04'));
    const tanaka = await t.kiosk.service.lookupByInsuranceCard(
      { insurerNumber: '138222', symbol: '浦和', number: '0098765', branch: '01', birthDate: '1955-06-20' },
      { refresh: true },
    );
    expect(tanaka.records[0]!.limitApplication!.classFlag).toBe('B04');
  });
});

describe('batch check of reservations (一括照会)', () => {
  const csv = readFileSync(join(ROOT, 'test/fixtures/eligibility/reservations.csv'), 'utf8');

  it('reports per-row errors that say what is wrong', () => {
    const read = readReservations(csv, t.clock.today());
    if ('headerError' in read) throw new Error(read.headerError);
    expect(read.reservations).toHaveLength(9);
    const byLine = Object.fromEntries(read.errors.map((e) => [e.line, e.messages]));
    expect(Object.keys(byLine)).toEqual(['10', '11', '13']);
    expect(byLine[10]).toEqual(['Insurer number check digit does not match: a digit was probably mistyped.']);
    expect(byLine[11]).toEqual([
      'date is not a date (YYYY-MM-DD)',
      'Insurer number has 7 digits; it must have 8 (or 6 for 国民健康保険).',
      'Number (番号) may contain digits, Latin letters and hyphens only.',
      'Branch number (枝番) must have 2 digits.',
      'Birth date is not a calendar date (YYYY-MM-DD).',
    ]);
    expect(byLine[13]).toEqual(['reservation_id is missing']);
  });

  it('refuses a file whose header does not name the columns', () => {
    expect(readReservations('id,birth\n1,2\n', t.clock.today())).toEqual({
      headerError: expect.stringContaining('missing: reservation_id,date,insurer_number'),
    });
  });

  it('checks every row with bounded concurrency, stores the answers and summarises', async () => {
    const read = readReservations(csv, t.clock.today());
    if ('headerError' in read) throw new Error(read.headerError);
    t.sim.faults.inject({ kind: 'status', status: 503, times: 1, operation: 'lookupByInsuranceCard' });
    const progress: number[] = [];
    const results = await checkReservations(t.kiosk.service, read.reservations, {
      concurrency: 3,
      onProgress: (done) => progress.push(done),
    });
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(summarise(results)).toEqual({
      total: 9,
      valid: 5,
      invalid: 2,
      notFound: 1,
      multiple: 1,
      pending: 0,
      refused: 0,
      failed: 0,
    });
    // The answers are in the cache for the reservation day: the morning desk does not ask again.
    const before = t.sim.stats().requests;
    const cached = await t.kiosk.service.lookupByInsuranceCard(yamada);
    expect(cached.source).toBe('cache');
    expect(t.sim.stats().requests).toBe(before);
  });

  it('counts rows the service could not answer as failed, without stopping the others', async () => {
    const read = readReservations(csv, t.clock.today());
    if ('headerError' in read) throw new Error(read.headerError);
    t.sim.faults.inject({ kind: 'status', status: 503, times: 3, operation: 'lookupByInsuranceCard' });
    const results = await checkReservations(t.kiosk.service, read.reservations, { concurrency: 1 });
    const summary = summarise(results);
    expect(summary.failed).toBe(1);
    expect(summary.total).toBe(9);
    expect(results.find((r) => r.status === 'failed')).toMatchObject({
      reservationId: 'R-001',
      code: 'eligibility.unavailable',
    });
  });
});
