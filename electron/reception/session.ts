// Everything personal one reception session holds. Only the reception flow keeps a reference to
// it, and `wipe` overwrites and drops it all when the session ends.
import type { ConsentAnswers, VerificationChoice } from '../contract';
import type { CardFaceData, CardFaceUnlocker, FaceCheck, InsertedCard, PinStatus } from './ports';

export class Session {
  constructor(private readonly hasPinPad: boolean) {}

  card: InsertedCard | null = null;
  authCertificatePem: string | null = null;
  chipExpiryYear: number | null = null;
  pinStatus: PinStatus | null = null;
  cardFace: CardFaceData | null = null;
  faceCheck: FaceCheck | null = null;
  cardFaceUnlocker: CardFaceUnlocker | null = null;
  /** Digits typed on the keypad so far; never leaves the trusted side. */
  pin: string[] = [];
  /** The four digits handed to the one VERIFY about to be sent; taken (and dropped) by that step. */
  private pendingPin: string | null = null;
  pinSignature: { challenge: string; signature: string } | null = null;
  consent: ConsentAnswers | null = null;
  verifiedBy: 'face' | 'pin' | 'staff-visual' | null = null;
  /** The face path failed for this card in this session: it is no longer offered. */
  faceWithdrawn = false;

  availableMethods(): VerificationChoice[] {
    const methods: VerificationChoice[] = [];
    const token = this.card?.token;
    if (token === 'card' && !this.faceWithdrawn) methods.push('face');
    if (
      this.hasPinPad &&
      (token === 'card' || token === 'android') &&
      this.pinStatus?.state === 'set' &&
      !this.pinStatus.atFloor
    ) {
      methods.push('pin');
    }
    methods.push('staff');
    return methods;
  }

  /** Moves the typed digits to the VERIFY step and empties the keypad buffer. */
  handOverPin(): void {
    this.pendingPin = this.pin.join('');
    this.clearPin();
  }

  takePendingPin(): string {
    const pin = this.pendingPin ?? '';
    this.pendingPin = null;
    return pin;
  }

  clearPin(): void {
    this.pin.fill('');
    this.pin = [];
  }

  wipe(): void {
    this.clearPin();
    this.pendingPin = null;
    this.consent = null;
    this.faceCheck?.cancel();
    this.faceCheck = null;
    this.cardFaceUnlocker?.end();
    this.cardFaceUnlocker = null;
    this.cardFace?.photoJ2k.fill(0);
    this.cardFace = null;
    this.authCertificatePem = null;
    this.pinSignature = null;
    this.chipExpiryYear = null;
  }
}
