// Adapts the card service to the reception flow's CardSlot / InsertedCard ports
// (electron/reception/ports.ts). Refusals the flow has no outcome for (tries floor, no PIN,
// malformed input) are thrown as their KioskError, which the flow shows as a call-staff screen.
import { KioskError } from '../errors/kiosk-error';
import type {
  CardEvent,
  CardSlot,
  InsertedCard,
  PinStatus,
  TokenKind,
  VerifyOutcome,
} from '../reception/ports';
import type { CardReaderService, SecretOutcome } from './card-reader-service';

function toVerifyOutcome(outcome: SecretOutcome): VerifyOutcome {
  if (outcome.ok) return { ok: true };
  if (outcome.code === 'card.pin-wrong' || outcome.code === 'card.surface-wrong') {
    return { ok: false, triesLeft: outcome.triesLeft ?? 0 };
  }
  if (outcome.code === 'card.pin-locked' || outcome.code === 'card.surface-locked')
    return { ok: false, triesLeft: 0 };
  throw new KioskError(outcome.code, `tries left ${outcome.triesLeft ?? '-'}`);
}

const derToPem = (der: Uint8Array): string => {
  const body = Buffer.from(der).toString('base64').replace(/.{64}/g, '$&\n');
  return `-----BEGIN CERTIFICATE-----\n${body}${body.endsWith('\n') ? '' : '\n'}-----END CERTIFICATE-----\n`;
};

async function openInsertedCard(service: CardReaderService): Promise<InsertedCard> {
  const identity = await service.identify();
  const token: TokenKind =
    identity === 'physical-card' ? 'card' : identity === 'not-my-number-card' ? 'not-my-number' : identity;
  return {
    token,
    authCertificatePem: async () => derToPem((await service.readAuthCertificate()).der),
    chipExpiryYear: async () => {
      const expiry = await service.readCardExpiry();
      return expiry === null ? null : Number(expiry.slice(0, 4));
    },
    pinStatus: async (): Promise<PinStatus> => {
      const status = await service.pinTriesLeft();
      if (status.state === 'available') return { state: 'set', triesLeft: status.triesLeft };
      if (status.state === 'verified') return { state: 'set', triesLeft: 3 };
      return { state: status.state };
    },
    verifyPin: async (pin) => toVerifyOutcome(await service.verifyPin(pin)),
    signChallenge: (challenge) => service.signChallenge(challenge),
    cardSurfaceTriesLeft: async () => {
      const status = await service.cardSurfaceTriesLeft();
      if (status.state === 'available') return status.triesLeft;
      return status.state === 'verified' ? 10 : 0;
    },
    unlockCardSurface: async (collationB) => toVerifyOutcome(await service.unlockCardSurface(collationB)),
    readCardFace: async () => {
      const face = await service.readCardFace();
      return {
        photoJ2k: face.photoJ2k,
        birthDate: face.birthDate,
        sex: face.sex === 'male' || face.sex === 'female' ? face.sex : 'unknown',
      };
    },
    release: () => service.release(),
  };
}

/** The reception flow's card slot over the card service: insert/remove events and an opener. */
export function createCardSlot(service: CardReaderService): CardSlot {
  return {
    onCard(listener: (event: CardEvent) => void): () => void {
      const open = (): Promise<InsertedCard> => openInsertedCard(service);
      const unsubscribe = service.onEvent((event) => {
        if (event.type === 'card-inserted') listener({ type: 'inserted', open });
        else if (
          event.type === 'card-removed' ||
          event.type === 'reader-detached' ||
          event.type === 'service-lost'
        ) {
          listener({ type: 'removed' });
        }
      });
      // A card already on the reader when the flow subscribes counts as inserted.
      if (service.status().cardPresent) queueMicrotask(() => listener({ type: 'inserted', open }));
      return unsubscribe;
    },
  };
}
