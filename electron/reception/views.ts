// What the patient sees in each state of the statechart: the one mapping from machine state to the
// contract's ScreenView. Nothing personal is in a view: no PIN digit, photo, frame or 照合番号B.
import type { SnapshotFrom } from 'xstate';
import type { ScreenView } from '../contract';
import type { ErrorCode } from '../errors/catalogue';
import { toErrorView } from '../errors/kiosk-error';
import type { ReceptionMachine } from './machine';

type Snapshot = SnapshotFrom<ReceptionMachine>;

const noticeView = (code: ErrorCode | null) => (code ? toErrorView(code) : null);

export function screenOf(snapshot: Snapshot): ScreenView {
  const { context } = snapshot;
  const reason = (fallback: ErrorCode) => toErrorView(context.reason ?? fallback);
  if (snapshot.matches('idle')) return { screen: 'idle' };
  if (snapshot.matches('staffCalled'))
    return { screen: 'call-staff', reason: reason('reception.staff-requested') };
  const session = context.session;
  if (snapshot.matches({ session: 'readingCard' })) return { screen: 'reading-card' };
  if (snapshot.matches({ session: 'cardUnusable' })) {
    return { screen: 'card-unusable', reason: reason('card.not-my-number-card') };
  }
  if (snapshot.matches({ session: 'chooseMethod' })) {
    return {
      screen: 'choose-method',
      methods: session?.availableMethods() ?? ['staff'],
      notice: noticeView(context.notice),
    };
  }
  if (snapshot.matches({ session: 'cardFace' })) {
    return { screen: 'card-face', attempt: context.cardFaceAttempt, notice: noticeView(context.notice) };
  }
  if (snapshot.matches({ session: 'faceCapture' })) return { screen: 'face-capture' };
  if (snapshot.matches({ session: 'pinEntry' }) || snapshot.matches({ session: 'verifyingPin' })) {
    const status = session?.pinStatus;
    return {
      screen: 'pin-entry',
      digitsEntered: snapshot.matches({ session: 'verifyingPin' }) ? 0 : context.pinDigits,
      triesLeft: status?.state === 'set' ? status.triesLeft : null,
      notice: noticeView(context.notice),
    };
  }
  if (snapshot.matches({ session: 'consent' })) return { screen: 'consent' };
  if (snapshot.matches({ session: 'confirming' })) return { screen: 'confirming' };
  if (snapshot.matches({ session: 'done' })) return { screen: 'done', result: context.result ?? 'confirmed' };
  return { screen: 'call-staff', reason: reason('kiosk.internal') };
}
