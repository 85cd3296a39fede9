// Confirmation by card against the real simulator over mutual TLS, with a real SQLite file:
// every status, wrong link, certificate and signature checks, consent on both sides.
import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { manualClock } from '../../../electron/clock';
import { isKioskError } from '../../../electron/errors/kiosk-error';
import { createHttpsUpstream } from '../../../electron/eligibility/https-upstream';
import { UpstreamError } from '../../../electron/eligibility/upstream';
import {
  ALL_CONSENT,
  faceIdentity,
  NO_CONSENT,
  openService,
  pinIdentity,
  startSimulator,
  tempDir,
  testConfig,
  useKiosk,
} from './harness';

const t = useKiosk();

async function expectKioskError(promise: Promise<unknown>, code: string) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(isKioskError(error) ? error.code : error).toBe(code);
}

describe('confirmation by card: every status', () => {
  it.each([
    ['yamada-taro', 'valid', 1],
    ['sato-hanako', 'valid', 1],
    ['suzuki-ichiro', 'valid', 1],
    ['takahashi-ken', 'invalid', 1],
    ['tanaka-michiko', 'invalid-newer-record', 1],
    ['garcia-maria', 'multiple', 2],
    ['ito-android', 'pending', 0],
    ['ito-iphone', 'not-found', 0],
  ])('%s → %s', async (id, status, records) => {
    const outcome = await t.kiosk.service.confirm(faceIdentity(id));
    expect(outcome.status).toBe(status);
    expect(outcome.records).toHaveLength(records);
    expect(outcome.source).toBe('service');
    expect(t.kiosk.service.confirmation(outcome.requestId)?.entry.deliveredAt).not.toBeNull();
  });

  it('returns the record fields of §5.2: dependent, 特定疾病, 限度額 class, half-width kana', async () => {
    const outcome = await t.kiosk.service.confirm(faceIdentity('sato-hanako'));
    const record = outcome.records[0]!;
    expect(record).toMatchObject({
      insurerNumber: '06130488',
      personalFamily: 'dependent',
      insuredName: '佐藤　一郎',
      nameKana: 'ｻﾄｳ ﾊﾅｺ',
      birthDate: '1990-02-11',
      sex: 'female',
      copaymentRatio: 30,
      limitApplication: { classification: '01', classFlag: 'A01' },
      specificDiseases: [{ category: '1', selfPay: 10_000 }],
    });
  });

  it('keeps names outside JIS levels 1–2 intact (𠮷, 髙)', async () => {
    const outcome = await t.kiosk.service.confirm(faceIdentity('yoshida-hitomi'));
    expect(outcome.records[0]!.name).toBe('𠮷田　ひとみ');
    expect(outcome.records[0]!.address).toContain('髙島町');
  });

  it('accepts the PIN path when the card signed the service challenge with its own key, once', async () => {
    const identity = await pinIdentity('yamada-taro', t.kiosk.service);
    const outcome = await t.kiosk.service.confirm(identity);
    expect(outcome.status).toBe('valid');
    // The same signed challenge replayed in a new confirmation is refused.
    const replay = await t.kiosk.service.confirm(identity);
    expect(replay.refusal?.code).toBe('eligibility.signature-invalid');
  });
});

describe('staff list', () => {
  it('lists today’s confirmations newest first, with their outcomes', () => {
    const list = t.kiosk.service.todaysConfirmations();
    expect(list.length).toBeGreaterThanOrEqual(8);
    expect(list[0]!.entry.createdAt).toBeGreaterThanOrEqual(list[list.length - 1]!.entry.createdAt);
    expect([...new Set(list.map((item) => item.outcome?.status))]).toEqual(
      expect.arrayContaining([
        'valid',
        'invalid',
        'invalid-newer-record',
        'multiple',
        'pending',
        'not-found',
      ]),
    );
  });
});

describe('wrong link (紐付け誤り)', () => {
  it('refuses a record whose birth date disagrees with the card and never shows it', async () => {
    const outcome = await t.kiosk.service.confirm(faceIdentity('broken-photo'));
    expect(outcome.status).toBe('refused');
    expect(outcome.refusal).toEqual({ code: 'eligibility.wrong-link', mismatches: ['birthDate'] });
    expect(outcome.records).toEqual([]);
    expect(JSON.stringify(t.kiosk.service.confirmation(outcome.requestId))).not.toContain('小林　愛子');
  });

  it('refuses when the card says another sex than the record', async () => {
    const outcome = await t.kiosk.service.confirm({ ...faceIdentity('yamada-taro'), cardSex: 'female' });
    expect(outcome.refusal).toEqual({ code: 'eligibility.wrong-link', mismatches: ['sex'] });
  });

  it('refuses a lying service that answers with another person’s record', async () => {
    t.sim.faults.inject({ kind: 'wrong-person', times: 1, operation: 'confirmByCard' });
    const outcome = await t.kiosk.service.confirm(faceIdentity('sato-hanako'));
    expect(outcome.status).toBe('refused');
    expect(outcome.refusal?.code).toBe('eligibility.wrong-link');
  });
});

describe('certificate and signature checks in the simulator', () => {
  it('refuses an expired and a revoked certificate with what to do next', async () => {
    const expired = await t.kiosk.service.confirm(faceIdentity('kimura-shinji'));
    expect(expired).toMatchObject({
      status: 'refused',
      refusal: { code: 'eligibility.certificate-expired' },
    });
    const revoked = await t.kiosk.service.confirm(faceIdentity('nakamura-goro'));
    expect(revoked).toMatchObject({
      status: 'refused',
      refusal: { code: 'eligibility.certificate-revoked' },
    });
  });

  it('still answers within 3 months of the certificate’s expiry, with a note, and refuses after', async () => {
    const expiry = Date.parse('2024-01-15T14:59:59Z'); // kimura-shinji's certificate
    const clock = manualClock(expiry + 30 * 86_400_000);
    const late = await startSimulator({ clock });
    const dir = tempDir();
    const kiosk = openService(testConfig(late.url, dir.path), { clock });
    try {
      const inGrace = await kiosk.service.confirm(faceIdentity('kimura-shinji'));
      expect(inGrace.status).toBe('valid');
      expect(inGrace.notes[0]).toContain('有効期限が切れています');
      clock.set(expiry + 100 * 86_400_000);
      const after = await kiosk.service.confirm(faceIdentity('kimura-shinji'));
      expect(after.refusal?.code).toBe('eligibility.certificate-expired');
    } finally {
      kiosk.close();
      await late.close();
      dir.remove();
    }
  });

  it('refuses a certificate that no trusted JPKI root issued', async () => {
    const identity = { ...faceIdentity('yamada-taro'), authCertificatePem: t.sim.caPem };
    const outcome = await t.kiosk.service.confirm(identity);
    expect(outcome.refusal?.code).toBe('eligibility.certificate-invalid');
  });

  it('refuses a PIN-path signature made by another key, and a forged challenge', async () => {
    const genuine = await pinIdentity('yamada-taro', t.kiosk.service);
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const forgedSignature = sign('sha256', Buffer.from(genuine.pinSignature!.challenge), privateKey).toString(
      'base64',
    );
    const wrongKey = await t.kiosk.service.confirm({
      ...genuine,
      pinSignature: { challenge: genuine.pinSignature!.challenge, signature: forgedSignature },
    });
    expect(wrongKey.refusal?.code).toBe('eligibility.signature-invalid');

    const madeUp = Buffer.alloc(40, 7).toString('base64url');
    const other = await pinIdentity('yamada-taro', t.kiosk.service);
    const forgedChallenge = await t.kiosk.service.confirm({
      ...other,
      pinSignature: { challenge: madeUp, signature: other.pinSignature!.signature },
    });
    expect(forgedChallenge.refusal?.code).toBe('eligibility.signature-invalid');
  });

  it('takes the smartphone path with the phone’s signature only, and answers ito-iphone 該当資格なし', async () => {
    const signed = await pinIdentity('ito-iphone', t.kiosk.service);
    const outcome = await t.kiosk.service.confirm({ ...signed, method: 'smartphone' });
    expect(outcome.status).toBe('not-found');
    expect(t.sim.confirmationMethods().at(-1)).toBe('smartphone');
    const { pinSignature: _dropped, ...unsigned } = signed;
    await expectKioskError(
      t.kiosk.service.confirm({ ...unsigned, method: 'smartphone' }),
      'eligibility.identity-invalid',
    );
  });

  it('refuses a terminal without a client certificate at the TLS handshake', async () => {
    const config = testConfig(t.sim.url, t.dir.path);
    const anonymous = createHttpsUpstream({
      endpoint: config.endpoint,
      tls: { ca: t.sim.caPem, cert: '', key: '' },
      timeouts: config.timeouts,
      retries: config.retries,
    });
    const error = await anonymous.createChallenge('no-client-certificate').catch((e: unknown) => e);
    anonymous.close();
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).failure).toBe('tls');
  });

  it('rejects a malformed verified identity before anything is stored or sent', async () => {
    const before = t.sim.stats().requests;
    const { pinSignature: _dropped, ...withoutSignature } = await pinIdentity('yamada-taro', t.kiosk.service);
    await expectKioskError(
      t.kiosk.service.confirm({ ...withoutSignature, method: 'pin' }),
      'eligibility.identity-invalid',
    );
    const { cardBirthDate: _birth, ...faceWithoutCardData } = faceIdentity('yamada-taro');
    await expectKioskError(t.kiosk.service.confirm(faceWithoutCardData), 'eligibility.identity-invalid');
    await expectKioskError(
      t.kiosk.service.confirm({ ...faceIdentity('yamada-taro'), authCertificatePem: 'not a certificate' }),
      'eligibility.identity-invalid',
    );
    expect(t.sim.stats().requests).toBe(before + 1); // only the challenge
  });
});

describe('consent is enforced on both sides', () => {
  it('shows medication and health checks only with consent', async () => {
    const consented = await t.kiosk.service.confirm(faceIdentity('yamada-taro', ALL_CONSENT));
    const medication = await t.kiosk.service.medication(consented.requestId);
    expect(medication.items.map((item) => item.drugName)).toContain('アムロジピン錠5mg');
    const health = await t.kiosk.service.healthCheck(consented.requestId);
    expect(health.items[0]).toMatchObject({ examinedOn: '2026-06-12', systolicMmHg: 128 });
  });

  it('the client refuses to ask without consent: no request leaves the kiosk', async () => {
    const declined = await t.kiosk.service.confirm(
      faceIdentity('yamada-taro', { ...NO_CONSENT, healthCheck: true }),
    );
    const before = t.sim.stats().requests;
    await expectKioskError(t.kiosk.service.medication(declined.requestId), 'eligibility.consent-required');
    expect(t.sim.stats().requests).toBe(before);
    expect((await t.kiosk.service.healthCheck(declined.requestId)).items).toHaveLength(1);
  });

  it('the simulator refuses to answer without consent, even when asked directly', async () => {
    const declined = await t.kiosk.service.confirm(faceIdentity('yamada-taro', NO_CONSENT));
    const error = await t.kiosk.upstream
      .medication(declined.confirmationId!, 'direct-ask-without-consent')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UpstreamError);
    expect((error as UpstreamError).wireCode).toBe('consent-required');
  });

  it('treats consent as expired after its viewing window', async () => {
    // The kiosk's clock moves past the window; the simulator (on the world's clock) still answers.
    const clock = manualClock(t.clock.now());
    const local = openService(testConfig(t.sim.url, t.dir.path), { clock });
    try {
      const outcome = await local.service.confirm(faceIdentity('yamada-taro'));
      clock.set(Date.parse(outcome.consentValidUntil!) + 1_000);
      await expectKioskError(local.service.medication(outcome.requestId), 'eligibility.consent-required');
    } finally {
      local.close();
    }
  });
});

describe('disaster mode', () => {
  it('answers medication by name, birth date, sex and address only during a declared disaster', async () => {
    const query = {
      name: '山田 太郎',
      birthDate: '1984-04-30',
      sex: 'male' as const,
      address: '東京都千代田区霞が関一丁目２番３号',
    };
    await expectKioskError(t.kiosk.service.disasterMedication(query), 'eligibility.not-in-disaster');
    t.sim.setDisaster(true);
    try {
      const answer = await t.kiosk.service.disasterMedication(query);
      expect(answer.matches).toHaveLength(1);
      expect(answer.matches[0]!.items.length).toBeGreaterThan(0);
      const nobody = await t.kiosk.service.disasterMedication({ ...query, birthDate: '1984-04-29' });
      expect(nobody.matches).toEqual([]);
    } finally {
      t.sim.setDisaster(false);
    }
  });
});
