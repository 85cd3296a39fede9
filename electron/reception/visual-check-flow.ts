// The visual check (目視確認) at the kiosk, as the reception statechart's sub-flow: staff pick their
// name and type their passcode on the kiosk's screen, see the chip photo beside the live camera and
// the card's birth date and expiry, and confirm 「本人と確認した」 or refuse. The passcode goes straight
// from the event to the staff port's check (never kept, never logged); the staff member and the photo
// live in the patient's Session, so the mode ends with the session and never reaches the next patient.
// The card is touched only when the card face was not read and staff type 照合番号B off the card
// in hand: that number goes from the event to one VERIFY (never kept, never logged, never resent);
// nothing here resets the card's PIN or 照合番号B failure counters.
import { fromPromise } from 'xstate';
import type { ErrorCode } from '../errors/catalogue';
import { isKioskError } from '../errors/kiosk-error';
import type { CardFaceData, CardFacePort, VisualCheckPort, VisualCheckStaff } from './ports';
import type { Session } from './session';

interface Tracked {
  steps: { track<T>(step: Promise<T>): Promise<T> };
}

export type StaffAuthorisation =
  { ok: true; staff: VisualCheckStaff } | { ok: false; code: 'staff.login-failed' | 'staff.locked' };

/** Checks the passcode typed on the kiosk (lockout and audit are the staff accounts'). */
export const authoriseStaff = fromPromise<
  StaffAuthorisation,
  Tracked & { port: VisualCheckPort; name: string; passcode: string }
>(({ input }) => input.steps.track(input.port.authorise(input.name, input.passcode)));

export type StaffEntryStep =
  | { kind: 'unlocked'; face: CardFaceData }
  /** Nothing was opened: the card rejected the number, or the card-surface step withheld it. */
  | { kind: 'refused'; code: ErrorCode; triesLeft: number | null };

/** A typed number that failed validation (nothing reached the card): staff may correct it. */
export const isMistypedCollationNumber = (error: unknown): boolean =>
  isKioskError(error) &&
  (error.code === 'card-face.staff-entry-invalid' || error.code === 'card-face.staff-entry-expiry-mismatch');

/** Staff's 照合番号B is offered once per session, to a card whose face was not read in it. */
export function collationEntryOffered(session: Session | null): boolean {
  return (
    session !== null &&
    session.cardFace === null &&
    !session.collationEntrySent &&
    session.card?.token === 'card' &&
    session.chipExpiryYear !== null
  );
}

/**
 * Staff's typed 照合番号B: at most one VERIFY of the card-surface AP (the card-face step checks the
 * tries floor first), then the card face (chip photo, birth date) is read for the visual check.
 * Audited with the staff member, never with the number.
 */
export const unlockFromStaffEntry = fromPromise<
  StaffEntryStep,
  Tracked & { port: VisualCheckPort; cardFace: CardFacePort; session: Session; typed: string }
>(({ input, signal }) =>
  input.steps.track(
    (async (): Promise<StaffEntryStep> => {
      const { session, port } = input;
      const card = session.card;
      const staff = session.visualCheckStaff;
      const certificate = session.authCertificatePem;
      const expiryYear = session.chipExpiryYear;
      if (!card || !staff || !certificate || expiryYear === null) {
        throw new Error('staff entry: no card, staff member, certificate or expiry');
      }
      session.cardFaceUnlocker ??= input.cardFace.begin(card);
      let outcome;
      try {
        outcome = await session.cardFaceUnlocker.unlockFromStaffEntry(input.typed, expiryYear, signal);
      } catch (error) {
        // Past validation the number may have reached the card: it is never offered again.
        if (!isMistypedCollationNumber(error)) session.collationEntrySent = true;
        throw error;
      }
      session.collationEntrySent = true;
      if (outcome.kind !== 'unlocked') {
        const triesLeft = 'triesLeft' in outcome ? (outcome.triesLeft ?? null) : null;
        port.collationNumberEntered(staff, certificate, {
          ok: false,
          code: outcome.code,
          ...(triesLeft !== null ? { triesLeft } : {}),
        });
        return { kind: 'refused', code: outcome.code, triesLeft };
      }
      port.collationNumberEntered(staff, certificate, { ok: true });
      return { kind: 'unlocked', face: await card.readCardFace(signal) };
    })(),
  ),
);

/** Makes the chip photo displayable for the view (null where this session has not read the card face). */
export const prepareVisualCheck = fromPromise<
  string | null,
  Tracked & { port: VisualCheckPort; session: Session }
>(({ input }) => {
  const photo = input.session.cardFace?.photoJ2k;
  return input.steps.track(photo ? input.port.photoDataUrl(photo) : Promise.resolve(null));
});

/** The staff control is offered where the terminal has the staff port and the card was read. */
export function visualCheckOffered(session: Session | null, port: VisualCheckPort | undefined): boolean {
  return (
    port !== undefined &&
    session !== null &&
    session.card !== null &&
    session.card.token !== 'not-my-number' &&
    session.authCertificatePem !== null &&
    session.verifiedBy === null
  );
}

/** Staff's decision, audited; a confirmation makes this session's patient verified by a visual check. */
export function recordDecision(
  session: Session,
  port: VisualCheckPort,
  decision: 'confirm' | 'refuse',
): void {
  const staff = session.visualCheckStaff;
  const certificate = session.authCertificatePem;
  if (!staff || !certificate) throw new Error('visual check: no staff member or certificate');
  port.decided(staff, decision, certificate);
  if (decision === 'confirm') session.verifiedBy = 'staff-visual';
}

/** Entering the visual check asks for a passcode again, whoever checked before in this session. */
export function enterVisualCheck(session: Session | null): void {
  if (session) session.visualCheckStaff = null;
}

/** Leaving the visual check drops the photo (exit runs before the decision's own action, so the
 *  staff member stays until the session's wipe, for the audit of that decision). */
export function leaveVisualCheck(session: Session | null): void {
  if (session) session.visualCheckPhoto = null;
}
