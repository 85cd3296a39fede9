// The visual check (目視確認) at the kiosk, as the reception statechart's sub-flow: staff pick their
// name and type their passcode on the kiosk's screen, see the chip photo beside the live camera and
// the card's birth date and expiry, and confirm 「本人と確認した」 or refuse. The passcode goes straight
// from the event to the staff port's check (never kept, never logged); the staff member and the photo
// live in the patient's Session, so the mode ends with the session and never reaches the next patient.
// Nothing here touches the card: its PIN and 照合番号B failure counters stay as they are.
import { fromPromise } from 'xstate';
import type { VisualCheckPort, VisualCheckStaff } from './ports';
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
