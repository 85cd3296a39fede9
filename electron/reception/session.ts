// Everything personal one reception session holds. Only the reception flow keeps a reference to
// it, and `wipe` overwrites and drops it all when the session ends.
import type { ConsentAnswers, VerificationChoice } from '../contract';
import type { ErrorCode } from '../errors/catalogue';
import type {
  CardFaceData,
  CardFaceUnlocker,
  FaceCheck,
  InsertedCard,
  PinStatus,
  VisualCheckStaff,
} from './ports';

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
  /**
   * The patient confirmed spending the card's last PIN try (the pin-last-try screen). It goes with
   * the next PIN to its one VERIFY, and is dropped when PIN entry is left any other way.
   */
  lastTryConfirmed = false;
  private pendingConfirmed = false;
  pinSignature: { challenge: string; signature: string } | null = null;
  consent: ConsentAnswers | null = null;
  verifiedBy: 'face' | 'pin' | 'smartphone' | 'staff-visual' | null = null;
  /** The token was held to the phone reader (a smartphone マイナ保険証), not placed on the kiosk's. */
  onPhoneReader = false;
  /** The staff member checking this patient (目視確認); only for this session. */
  visualCheckStaff: VisualCheckStaff | null = null;
  /** The chip photo as a data: URL while the visual-check view shows it; dropped when it is left. */
  visualCheckPhoto: string | null = null;
  /** Staff's typed 照合番号B reached the card-surface step once: it is never offered again. */
  collationEntrySent = false;
  /** Why the typed number opened nothing, and the card's tries left (for staff's screen). */
  collationRefusal: { code: ErrorCode; triesLeft: number | null } | null = null;
  /** The face path failed for this card in this session: it is no longer offered. */
  faceWithdrawn = false;
  faceWithdrawnBecause: ErrorCode | null = null;

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
    return methods;
  }

  /** Why a way to prove identity is not offered, in the patient's words. */
  unavailable(): Array<{ method: 'face' | 'pin'; code: ErrorCode }> {
    const token = this.card?.token;
    const out: Array<{ method: 'face' | 'pin'; code: ErrorCode }> = [];
    if (token === 'android' || token === 'iphone')
      out.push({ method: 'face', code: 'reception.face-card-only' });
    else if (token === 'card' && this.faceWithdrawn) {
      out.push({ method: 'face', code: this.faceWithdrawnBecause ?? 'reception.face-failed' });
    }
    if (token === 'iphone') out.push({ method: 'pin', code: 'reception.pin-on-phone' });
    else if (token === 'card' || token === 'android') {
      const status = this.pinStatus;
      if (!this.hasPinPad) out.push({ method: 'pin', code: 'reception.pin-no-keypad' });
      else if (status?.state === 'not-set') out.push({ method: 'pin', code: 'reception.pin-not-set' });
      else if (status?.state === 'locked') out.push({ method: 'pin', code: 'card.pin-locked' });
      else if (status?.state === 'set' && status.atFloor)
        out.push({ method: 'pin', code: 'card.pin-tries-floor' });
    }
    return out;
  }

  /** The card is on its last PIN try: a wrong PIN locks it. */
  onLastPinTry(): boolean {
    return this.pinStatus?.state === 'set' && this.pinStatus.triesLeft === 1;
  }

  /**
   * Moves the typed digits (and the last-try confirmation) to the VERIFY step and empties the
   * buffer; `onScreen`: the four digits the on-screen keypad sent, which are handed over instead.
   */
  handOverPin(onScreen?: string): void {
    this.pendingPin = onScreen ?? this.pin.join('');
    this.pendingConfirmed = this.lastTryConfirmed;
    this.lastTryConfirmed = false;
    this.clearPin();
  }

  /** PIN entry left without Enter: the digits and the confirmation are dropped. */
  dropPinEntry(): void {
    this.clearPin();
    this.lastTryConfirmed = false;
  }

  takePendingPin(): { pin: string; lastTryConfirmed: boolean } {
    const taken = { pin: this.pendingPin ?? '', lastTryConfirmed: this.pendingConfirmed };
    this.pendingPin = null;
    this.pendingConfirmed = false;
    return taken;
  }

  clearPin(): void {
    this.pin.fill('');
    this.pin = [];
  }

  wipe(): void {
    this.clearPin();
    this.pendingPin = null;
    this.lastTryConfirmed = false;
    this.pendingConfirmed = false;
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
    this.visualCheckStaff = null;
    this.visualCheckPhoto = null;
    this.collationRefusal = null;
  }
}
