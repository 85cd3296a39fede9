// The visual check (目視確認) as the reception statechart's sub-flow, with the real staff desk
// (staff accounts and audit log in a SQLite file, scrypt passcodes) and a scripted card and service.
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { manualClock, SIMULATED_WORLD_START } from '../clock';
import { createLogger, memorySink } from '../log/logger';
import { openStaffServices } from '../staff/index';
import { createVisualCheckDesk } from '../staff/visual-check';
import { visualCheckPort } from '../staff/visual-check-port';
import { CollationNumberB } from '../card-face/collation-number';
import { CardFaceUnlock, type CardFaceTextReader } from '../card-face/unlock';
import { cardFacePort } from '../world/adapters';
import type { CardEvent, InsertedCard, ReceptionDevices, VerifiedPatient } from './ports';
import { createReception, type Reception } from './reception';

const CERT = readFileSync(
  new URL('../../sim/fixtures/pki/persons/garcia-maria/auth-cert.pem', import.meta.url),
  'utf8',
);
const PHOTO = new Uint8Array(
  readFileSync(new URL('../../sim/fixtures/persons/photos/Naoto_Kan_0001.j2k', import.meta.url)),
);
const PASSCODE = '482913';
const NO_CONSENT = { medication: false, healthCheck: false, treatment: false, surgery: false };

/** The card's 照合番号B (era birth date 590430, expiry 2034, security code 4821). */
const RIGHT_B = '59043020344821';

/** A card whose every secret-carrying call is recorded: the visual check must add none. */
function scriptedCard() {
  const calls: string[] = [];
  let surfaceTries = 10;
  const card: InsertedCard = {
    token: 'card',
    authCertificatePem: async () => CERT,
    chipExpiryYear: async () => 2034,
    pinStatus: async () => ({ state: 'locked' }),
    verifyPin: async () => (calls.push('verify-pin'), { ok: false, triesLeft: 0 }),
    signChallenge: async () => (calls.push('sign'), new Uint8Array([1])),
    cardSurfaceTriesLeft: async () => surfaceTries,
    unlockCardSurface: async (digits) => {
      calls.push('verify-surface');
      if (digits === RIGHT_B) return { ok: true };
      surfaceTries -= 1;
      return { ok: false, triesLeft: surfaceTries };
    },
    readCardFace: async () => ({ photoJ2k: new Uint8Array(PHOTO), birthDate: '1984-04-30', sex: 'male' }),
    release: async () => void calls.push('release'),
  };
  return { card, calls };
}

let reception: Reception | undefined;
afterEach(() => reception?.dispose());

/** The face path's card-face reader: the printed number read, or the face unreadable. */
function scriptedReader(readable: boolean): CardFaceTextReader {
  return {
    read: async () =>
      readable
        ? { ok: true, collationNumber: CollationNumberB.fromDigits(RIGHT_B), readsMade: 1 }
        : { ok: false, refusal: 'fields-not-found', readsMade: 1 },
  };
}

async function setUp(options: { cardFaceReadable?: boolean } = {}) {
  const staff = openStaffServices({
    dataDir: mkdtempSync(join(tmpdir(), 'uketsuke-visual-flow-')),
    clock: manualClock(SIMULATED_WORLD_START),
    masterKey: Buffer.alloc(32, 5),
  });
  await staff.accounts.add({ name: 'hanako', role: 'staff', passcode: PASSCODE });
  const { card, calls } = scriptedCard();
  let cardListener: (event: CardEvent) => void = () => undefined;
  const confirmed: VerifiedPatient[] = [];
  const devices: ReceptionDevices = {
    cardSlot: {
      onCard: (listener) => ((cardListener = listener), () => undefined),
      cardPresent: () => false,
    },
    pinPad: null,
    // The real card-face step and its adapter over the scripted card; only the OCR is scripted.
    // Readable: one VERIFY of 照合番号B, photo read, then the face check gives up.
    cardFace: cardFacePort({
      startSession: (port) =>
        new CardFaceUnlock({
          scanner: { captureFrames: async (count) => Array.from({ length: count }, () => new Uint8Array(1)) },
          reader: scriptedReader(options.cardFaceReadable ?? true),
          port,
          config: { framesPerScan: 1, placementsBeforeAlternatives: 1, triesFloor: 3 },
          logger: createLogger(memorySink()),
        }),
      close: async () => undefined,
    }),
    face: {
      start: async () => ({
        submit: async () => ({
          feedback: { cue: null, prompt: null, box: null, attempt: 3, maxAttempts: 3 },
          result: { kind: 'withdrawn', code: 'reception.face-failed' },
        }),
        cancel: () => undefined,
      }),
    },
    eligibility: {
      challenge: async () => 'unused',
      confirm: async (patient) => (confirmed.push(patient), { result: 'confirmed' }),
    },
    visualCheck: visualCheckPort(createVisualCheckDesk(staff)),
  };
  const sink = memorySink();
  reception = createReception(
    {
      defaultLanguage: 'ja',
      languages: ['ja'],
      sessionTimeoutMs: 60_000,
      log: createLogger(sink, { minLevel: 'debug' }),
    },
    devices,
  );
  const r = reception;
  /** Card in, face tried and failed, 職員を呼ぶ: where staff arrive. */
  const toCallStaff = async () => {
    cardListener({ type: 'inserted', open: async () => card });
    await r.settled();
    r.chooseMethod('face');
    await r.settled();
    await r.submitFrame(new Uint8Array([0xff, 0xd8, 0xff, 0xd9]));
    r.callStaff();
  };
  return {
    reception: r,
    staff,
    calls,
    confirmed,
    logs: sink.lines,
    toCallStaff,
    /** Card in, the patient chooses 職員を呼ぶ at once (no card-face read in this session). */
    toCallStaffDirectly: async () => {
      cardListener({ type: 'inserted', open: async () => card });
      await r.settled();
      r.chooseMethod('staff');
    },
    remove: () => cardListener({ type: 'removed' }),
  };
}

// Each passcode check is a real scrypt hash (128 MiB, about 0.5 s, more on a loaded machine).
describe('the visual check at the kiosk', { timeout: 120_000 }, () => {
  it('staff sign in on the kiosk, see the chip photo and card data, confirm; the patient consents', async () => {
    const w = await setUp();
    await w.toCallStaff();
    expect(w.reception.view()).toMatchObject({ screen: 'call-staff', visualCheck: true });

    w.reception.visualCheck();
    expect(w.reception.view()).toMatchObject({ screen: 'staff-login', staffNames: ['hanako'], notice: null });
    w.reception.staffPasscode('hanako', '731104');
    await w.reception.settled();
    expect(w.reception.view()).toMatchObject({
      screen: 'staff-login',
      notice: { code: 'staff.login-failed' },
    });

    w.reception.staffPasscode('hanako', PASSCODE);
    await w.reception.settled();
    const view = w.reception.view();
    expect(view).toMatchObject({
      screen: 'visual-check',
      staffName: 'hanako',
      birthDate: '1984-04-30',
      expiryYear: 2034,
    });
    expect(view.screen === 'visual-check' && view.chipPhoto).toMatch(/^data:image\/jpeg;base64,\/9j\//);

    w.reception.visualCheckDecide('confirm');
    expect(w.reception.view()).toMatchObject({ screen: 'consent' });
    w.reception.submitConsent(NO_CONSENT, false);
    await w.reception.settled();
    expect(w.reception.view()).toMatchObject({ screen: 'done' });
    expect(w.confirmed).toEqual([
      expect.objectContaining({ method: 'staff-visual', cardBirthDate: '1984-04-30' }),
    ]);
    expect(w.confirmed[0]?.pinSignature).toBeUndefined();

    const actions = w.staff.audit.all().map((row) => row.action);
    expect(actions).toEqual(['staff.login-refused', 'visual-check.start', 'visual-check.confirm']);
    const confirmRow = w.staff.audit.all()[2];
    expect(confirmRow).toMatchObject({
      actor: 'hanako',
      subject: w.staff.subjectDigest(new X509Certificate(CERT).serialNumber.toLowerCase()),
    });
    // The one VERIFY was the face path's 照合番号B; the visual check sent none, and reset nothing.
    expect(w.calls.filter((call) => call.startsWith('verify'))).toEqual(['verify-surface']);
    // Neither passcode nor birth date nor photo reaches a log or the audit.
    const written = JSON.stringify([w.logs, w.staff.audit.all()]);
    expect(written).not.toMatch(new RegExp(`${PASSCODE}|731104|1984-04-30|base64`));
  });

  it('is never left on for the next patient: the card removed mid-check ends it', async () => {
    const w = await setUp();
    await w.toCallStaff();
    w.reception.visualCheck();
    w.reception.staffPasscode('hanako', PASSCODE);
    await w.reception.settled();
    expect(w.reception.view().screen).toBe('visual-check');
    w.remove();
    expect(w.reception.view()).toMatchObject({ screen: 'idle' });

    // The next patient: the self-service screens, and a fresh passcode needed for any visual check.
    await w.toCallStaff();
    expect(w.reception.view()).toMatchObject({ screen: 'call-staff', visualCheck: true });
    w.reception.visualCheck();
    expect(w.reception.view()).toMatchObject({ screen: 'staff-login' });
    w.reception.visualCheckDecide('confirm'); // without a passcode: ignored
    expect(w.reception.view()).toMatchObject({ screen: 'staff-login' });
    w.reception.back();
    expect(w.reception.view()).toMatchObject({ screen: 'call-staff' });
  });

  it('a refusal sends the patient back to staff, audited, and nothing is confirmed', async () => {
    const w = await setUp();
    await w.toCallStaff();
    w.reception.visualCheck();
    w.reception.staffPasscode('hanako', PASSCODE);
    await w.reception.settled();
    w.reception.visualCheckDecide('refuse');
    expect(w.reception.view()).toMatchObject({ screen: 'call-staff' });
    expect(w.confirmed).toEqual([]);
    expect(w.staff.audit.all().map((row) => row.action)).toEqual([
      'visual-check.start',
      'visual-check.refuse',
    ]);
  });

  it('the console’s button: only where the kiosk offers the staff control, for the patient it showed', async () => {
    const w = await setUp();
    const r = w.reception;
    // No patient waiting for staff: refused, nothing changes.
    expect(r.visualCheckFromConsole(r.view().sessionGeneration)).toBe('not-offered');
    expect(r.view().screen).toBe('idle');

    await w.toCallStaff();
    const shown = r.view();
    expect(shown).toMatchObject({ screen: 'call-staff', visualCheck: true });
    expect(r.visualCheckFromConsole(shown.sessionGeneration)).toBe('started');
    // The kiosk asks the staff member's passcode as for its own control; a decision before it is ignored.
    expect(r.view()).toMatchObject({ screen: 'staff-login', staffNames: ['hanako'] });
    r.visualCheckDecide('confirm');
    expect(r.view().screen).toBe('staff-login');
    expect(r.visualCheckFromConsole(shown.sessionGeneration)).toBe('not-offered');

    // That patient leaves; the next one calls staff. The console's stale page names the old session.
    w.remove();
    expect(r.view().screen).toBe('idle');
    expect(r.visualCheckFromConsole(shown.sessionGeneration)).toBe('patient-changed');
    await w.toCallStaff();
    expect(r.view()).toMatchObject({ screen: 'call-staff', visualCheck: true });
    expect(r.visualCheckFromConsole(shown.sessionGeneration)).toBe('patient-changed');
    expect(r.view().screen).toBe('call-staff');

    // Reloaded, the console may start it for this patient; staff still sign in at the kiosk.
    expect(r.visualCheckFromConsole(r.view().sessionGeneration)).toBe('started');
    r.staffPasscode('hanako', PASSCODE);
    await r.settled();
    expect(r.view()).toMatchObject({ screen: 'visual-check', staffName: 'hanako' });
    r.visualCheckDecide('confirm');
    expect(r.view().screen).toBe('consent');
    // Nothing in the console's path touches the card.
    expect(w.calls.filter((call) => call.startsWith('verify'))).toEqual(['verify-surface', 'verify-surface']);
    expect(w.logs.filter((line) => line.includes('console-request'))).toHaveLength(6);
  });

  it('card face unreadable: staff type 照合番号B — a mistyped one sends nothing, the right one one VERIFY', async () => {
    const w = await setUp({ cardFaceReadable: false });
    await w.toCallStaff();
    expect(w.calls.filter((call) => call.startsWith('verify'))).toEqual([]); // nothing was read
    w.reception.visualCheck();
    w.reception.staffPasscode('hanako', PASSCODE);
    await w.reception.settled();
    expect(w.reception.view()).toMatchObject({
      screen: 'collation-entry',
      staffName: 'hanako',
      notice: null,
      sending: false,
    });
    // The expiry year is not the chip's: refused before the card.
    w.reception.staffCollationNumber('590430 2035 4821');
    await w.reception.settled();
    expect(w.reception.view()).toMatchObject({
      screen: 'collation-entry',
      notice: { code: 'card-face.staff-entry-expiry-mismatch' },
    });
    expect(w.calls.filter((call) => call.startsWith('verify'))).toEqual([]);

    w.reception.staffCollationNumber('５９０４３０ ２０３４ ４８２１'); // full-width, grouped
    expect(w.reception.view()).toMatchObject({ screen: 'collation-entry', sending: true });
    await w.reception.settled();
    const view = w.reception.view();
    expect(view).toMatchObject({ screen: 'visual-check', birthDate: '1984-04-30', expiryYear: 2034 });
    expect(view.screen === 'visual-check' && view.chipPhoto).toMatch(/^data:image\/jpeg;base64,/);
    expect(w.calls.filter((call) => call.startsWith('verify'))).toEqual(['verify-surface']);
    w.reception.visualCheckDecide('confirm');
    w.reception.submitConsent(NO_CONSENT, false);
    await w.reception.settled();
    expect(w.reception.view()).toMatchObject({ screen: 'done' });
    expect(w.confirmed).toEqual([expect.objectContaining({ method: 'staff-visual' })]);
    const audit = w.staff.audit.all();
    expect(audit.map((row) => `${row.action}:${row.outcome}`)).toEqual([
      'visual-check.start:ok',
      'visual-check.collation-number:ok',
      'visual-check.confirm:ok',
    ]);
    const written = JSON.stringify([w.logs, audit]);
    expect(written).not.toMatch(/590430|4821|５９０/);
  });

  it('a number the card rejects: one VERIFY, staff told the tries left, never sent again', async () => {
    const w = await setUp();
    await w.toCallStaffDirectly();
    w.reception.visualCheck();
    w.reception.staffPasscode('hanako', PASSCODE);
    await w.reception.settled();
    expect(w.reception.view().screen).toBe('collation-entry');
    w.reception.staffCollationNumber('59043020341111');
    await w.reception.settled();
    expect(w.reception.view()).toMatchObject({
      screen: 'collation-refused',
      reason: { code: 'card-face.staff-entry-rejected' },
      triesLeft: 9,
    });
    // A second number in this state is not taken.
    w.reception.staffCollationNumber(RIGHT_B);
    await w.reception.settled();
    expect(w.calls.filter((call) => call.startsWith('verify'))).toEqual(['verify-surface']);

    // Staff go on against the printed card: no photo, nothing more sent.
    w.reception.skipCollationNumber();
    await w.reception.settled();
    expect(w.reception.view()).toMatchObject({ screen: 'visual-check', chipPhoto: null, birthDate: null });

    // Stepping back and signing in again does not offer the entry again.
    w.reception.back();
    w.reception.visualCheck();
    w.reception.staffPasscode('hanako', PASSCODE);
    await w.reception.settled();
    expect(w.reception.view().screen).toBe('visual-check');
    expect(w.calls.filter((call) => call.startsWith('verify'))).toEqual(['verify-surface']);
    w.reception.visualCheckDecide('refuse');
    expect(w.staff.audit.all().map((row) => `${row.action}:${row.outcome}`)).toEqual([
      'visual-check.start:ok',
      'visual-check.collation-number:refused',
      'visual-check.start:ok',
      'visual-check.refuse:ok',
    ]);
    expect(JSON.parse(w.staff.audit.all()[1]!.detail ?? '{}')).toEqual({
      code: 'card-face.staff-entry-rejected',
      triesLeft: 9,
    });
    expect(JSON.stringify([w.logs, w.staff.audit.all()])).not.toMatch(/59043020341111|590430/);
  });
});
