// Adapts the card service to the reception flow's CardSlot / InsertedCard ports
// (electron/reception/ports.ts). Each insertion gets its own CardSession: the InsertedCard handed
// to the flow is bound to it, so a stale handle fails with `card.removed` instead of reaching the
// next card. Refusals the flow has no outcome for (no PIN, malformed input) are thrown as their
// KioskError, which the flow shows as a call-staff screen.
import { KioskError } from '../errors/kiosk-error';
import type {
  CardEvent,
  CardSlot,
  InsertedCard,
  PinStatus,
  TokenKind,
  VerifyOutcome,
} from '../reception/ports';
import type { CardReaderService, CardSession, SecretOutcome } from './card-reader-service';

function toVerifyOutcome(outcome: SecretOutcome): VerifyOutcome {
  if (outcome.ok) return { ok: true };
  switch (outcome.code) {
    case 'card.pin-wrong':
    case 'card.surface-wrong':
      return { ok: false, triesLeft: outcome.triesLeft ?? 0 };
    case 'card.pin-last-try-unconfirmed':
      return { ok: false, triesLeft: outcome.triesLeft ?? 1, notSent: true, lastTryUnconfirmed: true };
    case 'card.pin-locked':
    case 'card.surface-locked':
      return { ok: false, triesLeft: 0 };
    case 'card.surface-tries-floor':
    case 'card.surface-already-rejected':
    case 'card.surface-format':
      return { ok: false, triesLeft: outcome.triesLeft ?? 0, notSent: true };
    default:
      throw new KioskError(outcome.code, `tries left ${outcome.triesLeft ?? '-'}`);
  }
}

const derToPem = (der: Uint8Array): string => {
  const body = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${body}${body.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE-----\n`;
};

/** The flow's view of one card session. */
export async function insertedCard(
  session: CardSession,
  pinTriesFloor: number,
  signal?: AbortSignal,
): Promise<InsertedCard> {
  let identity;
  try {
    identity = await session.identify(signal);
  } catch (error) {
    await session.release();
    throw error;
  }
  const token: TokenKind =
    identity === 'physical-card' ? 'card' : identity === 'not-my-number-card' ? 'not-my-number' : identity;
  return {
    token,
    authCertificatePem: async (s) => derToPem((await session.readAuthCertificate(s)).der),
    chipExpiryYear: async (s) => {
      const expiry = await session.readCardExpiry(s);
      return expiry === null ? null : Number(expiry.slice(0, 4));
    },
    pinStatus: async (s): Promise<PinStatus> => {
      const status = await session.pinTriesLeft(s);
      if (status.state === 'available') {
        return { state: 'set', triesLeft: status.triesLeft, atFloor: status.triesLeft <= pinTriesFloor };
      }
      if (status.state === 'verified') return { state: 'set', triesLeft: 3 };
      return { state: status.state };
    },
    verifyPin: async (pin, s, options) => {
      const outcome = toVerifyOutcome(await session.verifyPin(pin, s, options));
      // Tell the flow the next try would be refused, so it explains that instead of asking for one.
      if (!outcome.ok && outcome.triesLeft > 0 && outcome.triesLeft <= pinTriesFloor) outcome.atFloor = true;
      return outcome;
    },
    signChallenge: (challenge, s) => session.signChallenge(challenge, s),
    cardSurfaceTriesLeft: async (s) => {
      const status = await session.cardSurfaceTriesLeft(s);
      if (status.state === 'available') return status.triesLeft;
      return status.state === 'verified' ? Number.POSITIVE_INFINITY : 0;
    },
    unlockCardSurface: async (collationB, s) =>
      toVerifyOutcome(await session.unlockCardSurface(collationB, s)),
    readCardFace: async (s) => {
      const face = await session.readCardFace(s);
      return {
        photoJ2k: face.photoJ2k,
        birthDate: face.birthDate,
        sex: face.sex === 'male' || face.sex === 'female' ? face.sex : 'unknown',
      };
    },
    release: () => session.release(),
  };
}

/** The reception flow's card slot over the card service: insert/remove events and an opener per insertion. */
export function createCardSlot(service: CardReaderService, pinTriesFloor: number): CardSlot {
  return {
    onCard(listener: (event: CardEvent) => void): () => void {
      const open = async (signal?: AbortSignal): Promise<InsertedCard> =>
        insertedCard(await service.openSession(signal), pinTriesFloor, signal);
      const unsubscribe = service.onEvent((event) => {
        switch (event.type) {
          case 'card-inserted':
            return listener({ type: 'inserted', open });
          case 'card-removed':
            return listener({ type: 'removed' });
          case 'reader-detached':
          case 'service-lost':
            // The card goes with the reader, and the terminal's health has changed.
            listener({ type: 'removed' });
            return listener({ type: 'reader-changed' });
          case 'reader-attached':
          case 'service-restored':
            return listener({ type: 'reader-changed' });
        }
      });
      // A card already on the reader when the flow subscribes counts as inserted.
      if (service.status().cardPresent) queueMicrotask(() => listener({ type: 'inserted', open }));
      return unsubscribe;
    },
    cardPresent: () => service.status().cardPresent,
    pinTriesFloor,
  };
}
