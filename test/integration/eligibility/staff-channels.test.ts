// The staff channels against the real simulator: requests validated, answers as staff views,
// field problems for mistyped numbers, catalogue codes for refusals.
import { describe, expect, it } from 'vitest';
import {
  createEligibilityStaffHandlers,
  handleStaffRequest,
} from '../../../electron/eligibility/staff-channels';
import { ALL_CONSENT, certificateOf, faceIdentity, NO_CONSENT, useKiosk } from './harness';

const t = useKiosk();
const handlers = () => createEligibilityStaffHandlers(t.kiosk.service);

describe('staff channels', () => {
  it('looks up typed numbers and answers a staff view, or the fields that are wrong', async () => {
    const found = await handleStaffRequest(handlers(), 'staff:eligibility:lookup', {
      insurerNumber: '０６１３０４８８',
      symbol: '5',
      number: '1234',
      branch: '02',
      birthDate: '1990-02-11',
    });
    expect(found).toMatchObject({ ok: true, value: { ok: true, view: { statusLabel: '有効' } } });
    const mistyped = await handleStaffRequest(handlers(), 'staff:eligibility:lookup', {
      insurerNumber: '06130489',
      number: '1234',
      birthDate: '1990-02-11',
    });
    expect(mistyped).toMatchObject({
      ok: true,
      value: { ok: false, problems: [{ field: 'insurerNumber', problem: 'check-digit' }] },
    });
  });

  it('refuses a malformed request before any handler runs', async () => {
    const before = t.sim.stats().requests;
    expect(
      await handleStaffRequest(handlers(), 'staff:eligibility:medication', { requestId: 'x; DROP TABLE' }),
    ).toEqual({
      ok: false,
      code: 'kiosk.bad-request',
    });
    expect(await handleStaffRequest(handlers(), 'staff:eligibility:lookup', { insurerNumber: 1 })).toEqual({
      ok: false,
      code: 'kiosk.bad-request',
    });
    expect(t.sim.stats().requests).toBe(before);
  });

  it('lists today’s confirmations and gates medication on consent with a catalogue code', async () => {
    const consented = await t.kiosk.service.confirm(faceIdentity('yamada-taro'));
    const declined = await t.kiosk.service.confirm(faceIdentity('sato-hanako', NO_CONSENT));
    const list = await handleStaffRequest(handlers(), 'staff:eligibility:confirmations', {});
    expect(list.ok && list.value.map((item) => item.requestId)).toEqual([
      declined.requestId,
      consented.requestId,
    ]);
    const medication = await handleStaffRequest(handlers(), 'staff:eligibility:medication', {
      requestId: consented.requestId,
    });
    expect(medication.ok && medication.value.items.length).toBe(2);
    expect(
      await handleStaffRequest(handlers(), 'staff:eligibility:medication', { requestId: declined.requestId }),
    ).toEqual({
      ok: false,
      code: 'eligibility.consent-required',
    });
  });

  it('reports the queue and the start-up check', async () => {
    t.sim.faults.inject({ kind: 'status', status: 503, times: 3, operation: 'confirmByCard' });
    await t.kiosk.service.confirm(faceIdentity('suzuki-ichiro'));
    const status = await handleStaffRequest(handlers(), 'staff:eligibility:status', {});
    expect(status).toMatchObject({
      ok: true,
      value: { queued: 1, storeRebuilt: false, outboxUnreadable: false },
    });
  });

  it('warns of a visual check (目視確認) in today’s list, delivered or still in the outbox', async () => {
    const visualCheck = (id: string) => ({
      method: 'staff-visual' as const,
      authCertificatePem: certificateOf(id),
      consent: ALL_CONSENT,
    });
    const checkedByStaff = await t.kiosk.service.confirm(visualCheck('yamada-taro'));
    const byFace = await t.kiosk.service.confirm(faceIdentity('sato-hanako'));
    t.sim.faults.inject({ kind: 'status', status: 503, times: 3, operation: 'confirmByCard' });
    const waiting = await t.kiosk.service.confirm(visualCheck('suzuki-ichiro'));
    expect(waiting.source).toBe('queued');

    const list = await handleStaffRequest(handlers(), 'staff:eligibility:confirmations', {});
    if (!list.ok) throw new Error(list.code);
    const row = (requestId: string) => list.value.find((item) => item.requestId === requestId);
    // Delivered: the sealed request is emptied, and the method is still known.
    expect(row(checkedByStaff.requestId)).toMatchObject({
      delivered: true,
      method: 'staff-visual',
      warnings: ['visual-check'],
    });
    expect(row(byFace.requestId)).toMatchObject({ method: 'face', warnings: [] });
    expect(row(waiting.requestId)).toMatchObject({
      delivered: false,
      method: 'staff-visual',
      warnings: ['queued', 'visual-check'],
    });
    // The method is all the list carries of the verification: no certificate, no photo.
    expect(JSON.stringify(list.value)).not.toContain('BEGIN CERTIFICATE');
  });
});
