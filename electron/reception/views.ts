// What the patient sees in each state of the statechart: the one mapping from machine state to the
// contract's ScreenView. Nothing personal is in a view: no PIN digit, photo, frame or 照合番号B.
import type { SnapshotFrom } from 'xstate';
import type { ScreenView } from '../contract';
import type { ErrorCode } from '../errors/catalogue';
import { toErrorView } from '../errors/kiosk-error';
import type { ReceptionMachine } from './machine';
import { visualCheckOffered } from './visual-check-flow';

type Snapshot = SnapshotFrom<ReceptionMachine>;

const noticeView = (code: ErrorCode | null) => (code ? toErrorView(code) : null);

export function screenOf(snapshot: Snapshot): ScreenView {
  const { context } = snapshot;
  const reason = (fallback: ErrorCode) => toErrorView(context.reason ?? fallback);
  if (snapshot.matches('idle')) {
    return {
      screen: 'idle',
      notice: noticeView(context.idleNotice),
      ...(context.devices?.phoneSlot ? { smartphone: true } : {}),
    };
  }
  if (snapshot.matches('phoneWait')) return { screen: 'phone-wait' };
  if (snapshot.matches('outOfService')) {
    return { screen: 'out-of-service', reasons: context.faults.map((code) => toErrorView(code)) };
  }
  if (snapshot.matches('takeCard')) {
    return { screen: 'take-card', reason: toErrorView(context.takeCardReason), sound: 'take-card' };
  }
  const staffCall = (canGoBack: boolean): ScreenView => ({
    screen: 'call-staff',
    reason: reason('reception.staff-requested'),
    staffNotified: context.staffNotified,
    next: toErrorView('reception.staff-coming'),
    canGoBack,
    visualCheck: visualCheckOffered(context.session, context.devices?.visualCheck),
  });
  if (snapshot.matches('staffCalled')) return staffCall(true);
  const session = context.session;
  if (snapshot.matches({ session: 'readingCard' })) return { screen: 'reading-card' };
  if (snapshot.matches({ session: 'cardUnusable' })) {
    return { screen: 'card-unusable', reason: reason('card.not-my-number-card') };
  }
  if (snapshot.matches({ session: 'chooseMethod' })) {
    return {
      screen: 'choose-method',
      methods: session?.availableMethods() ?? [],
      notice: noticeView(context.notice),
      unavailable: (session?.unavailable() ?? []).map(({ method, code }) => ({
        method,
        reason: toErrorView(code),
      })),
      pinTriesLeft:
        session?.availableMethods().includes('pin') && session.pinStatus?.state === 'set'
          ? session.pinStatus.triesLeft
          : null,
    };
  }
  if (snapshot.matches({ session: 'cardFace' })) {
    return { screen: 'card-face', attempt: context.cardFaceAttempt, notice: noticeView(context.notice) };
  }
  if (snapshot.matches({ session: 'faceCapture' })) return { screen: 'face-capture' };
  if (snapshot.matches({ session: 'pinLastTry' })) {
    return { screen: 'pin-last-try', notice: noticeView(context.notice) };
  }
  if (snapshot.matches({ session: 'pinEntry' }) || snapshot.matches({ session: 'verifyingPin' })) {
    const status = session?.pinStatus;
    const triesLeft = status?.state === 'set' ? status.triesLeft : null;
    // Said before the typing: the last try (confirmed), or a floor that stops the kiosk after this one.
    const floor = context.devices?.cardSlot.pinTriesFloor ?? 0;
    const warning: ErrorCode | null =
      triesLeft === 1
        ? 'reception.pin-last-try'
        : triesLeft !== null && floor > 0 && triesLeft - 1 <= floor
          ? 'reception.pin-floor-next'
          : null;
    const onScreen = context.devices?.onScreenKeypad !== undefined;
    const checking = snapshot.matches({ session: 'verifyingPin' });
    return {
      screen: 'pin-entry',
      digitsEntered: checking ? 0 : context.pinDigits,
      checking,
      triesLeft,
      notice: noticeView(
        context.notice ?? warning ?? (session?.onPhoneReader ? 'reception.phone-keep-held' : null),
      ),
      keypad: onScreen ? { layout: context.keypadLayout } : null,
    };
  }
  if (snapshot.matches({ session: { visualCheck: 'deciding' } })) {
    // The one view that carries personal data, for staff's eyes: gone once the state is left.
    return {
      screen: 'visual-check',
      staffName: session?.visualCheckStaff?.name ?? '',
      chipPhoto: session?.visualCheckPhoto ?? null,
      birthDate: session?.cardFace?.birthDate ?? null,
      expiryYear: session?.chipExpiryYear ?? null,
    };
  }
  const entering = snapshot.matches({ session: { visualCheck: 'unlockingCardSurface' } });
  if (entering || snapshot.matches({ session: { visualCheck: 'collationEntry' } })) {
    return {
      screen: 'collation-entry',
      staffName: session?.visualCheckStaff?.name ?? '',
      notice: noticeView(context.notice),
      sending: entering,
    };
  }
  if (snapshot.matches({ session: { visualCheck: 'collationRefused' } })) {
    const refusal = session?.collationRefusal;
    return {
      screen: 'collation-refused',
      staffName: session?.visualCheckStaff?.name ?? '',
      reason: toErrorView(refusal?.code ?? 'kiosk.internal'),
      triesLeft: refusal?.triesLeft ?? null,
    };
  }
  if (snapshot.matches({ session: 'visualCheck' })) {
    return {
      screen: 'staff-login',
      staffNames: context.devices?.visualCheck?.staffNames() ?? [],
      notice: noticeView(context.notice),
    };
  }
  if (snapshot.matches({ session: 'phoneSigning' })) return { screen: 'phone-confirm' };
  if (snapshot.matches({ session: 'consent' })) return { screen: 'consent' };
  if (snapshot.matches({ session: 'confirming' })) return { screen: 'confirming' };
  if (snapshot.matches({ session: 'done' })) {
    const result = context.result ?? 'confirmed';
    return {
      screen: 'done',
      result,
      next: toErrorView(result === 'queued' ? 'reception.queued-next' : 'reception.done-next'),
    };
  }
  if (snapshot.matches({ session: 'notDone' })) {
    return {
      screen: 'not-done',
      reason: toErrorView('reception.not-done'),
      staffNotified: context.staffNotified,
    };
  }
  const canGoBack = snapshot.can({ type: 'BACK' });
  return { ...staffCall(canGoBack), reason: reason('kiosk.internal') } as ScreenView;
}
