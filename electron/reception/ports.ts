// What the reception flow needs from each device and service, in its own words. The composition
// root adapts the card driver, the card-face reader, the face verifier, the PIN pad and the
// eligibility client to these; the flow never sees a transport, a model or a database.
import type { ConsentAnswers, FaceFeedback } from '../contract';
import type { ErrorCode } from '../errors/catalogue';

export type TokenKind = 'card' | 'android' | 'iphone' | 'not-my-number';

export type PinStatus = { state: 'not-set' } | { state: 'locked' } | { state: 'set'; triesLeft: number };

export type VerifyOutcome = { ok: true } | { ok: false; triesLeft: number };

export interface CardFaceData {
  photoJ2k: Uint8Array;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'male' | 'female' | 'unknown';
}

/** One card on the reader, for as long as it stays there. Each secret is tried once per call. */
export interface InsertedCard {
  readonly token: TokenKind;
  authCertificatePem(): Promise<string>;
  /** The expiry year the chip reports without any secret, or null where the card has none. */
  chipExpiryYear(): Promise<number | null>;
  pinStatus(): Promise<PinStatus>;
  verifyPin(pin: string): Promise<VerifyOutcome>;
  /** Signs with the user-authentication key (after a successful PIN). */
  signChallenge(challenge: Uint8Array): Promise<Uint8Array>;
  cardSurfaceTriesLeft(): Promise<number>;
  unlockCardSurface(collationB: string): Promise<VerifyOutcome>;
  /** The card-face record, its signature and the card's answer to a fresh challenge checked. */
  readCardFace(): Promise<CardFaceData>;
  /** Lets the card go and resets it, so no verified state outlives the session. */
  release(): Promise<void>;
}

export type CardEvent = { type: 'inserted'; open: () => Promise<InsertedCard> } | { type: 'removed' };

export interface CardSlot {
  onCard(listener: (event: CardEvent) => void): () => void;
}

export type CardFaceUnlockOutcome =
  | { kind: 'unlocked' }
  /** Ask the patient to place the card again, then try once more. */
  | { kind: 're-place'; code: ErrorCode }
  /** The face path is over for this card: offer the PIN (where set) or staff. */
  | { kind: 'pin-or-staff'; code: ErrorCode }
  /** Only staff can continue. */
  | { kind: 'staff'; code: ErrorCode };

/**
 * Opens the card-surface AP with 照合番号B read from the printed card face. The digits never
 * leave this step: it reads, gates, and sends at most one VERIFY per placement, never a retry.
 */
export interface CardFaceUnlocker {
  /** One placement of the card; `chipExpiryYear` is what the chip says without a secret. */
  unlock(chipExpiryYear: number): Promise<CardFaceUnlockOutcome>;
  /** Forgets everything about this session. */
  end(): void;
}

export interface CardFacePort {
  /** A fresh unlock step for the card now on the reader. */
  begin(): CardFaceUnlocker;
}

export type FaceCheckResult =
  | { kind: 'match' }
  /** The face path is over for this card (attempts used up, or the card photo unusable). */
  | { kind: 'withdrawn'; code: ErrorCode };

/** One face check against the card photo. It counts its own attempts and draws its own challenges. */
export interface FaceCheck {
  submit(
    jpeg: Uint8Array,
  ): Promise<{ feedback: Omit<FaceFeedback, 'finished'>; result: FaceCheckResult | null }>;
  /** Drops every frame, crop and descriptor this check holds. */
  cancel(): void;
}

export interface FaceVerifierPort {
  start(cardPhotoJ2k: Uint8Array): Promise<FaceCheck>;
}

export type PinKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | 'clear' | 'enter' | 'cancel';

/** The reader's keypad: digits never pass through the renderer. */
export interface PinPad {
  onKey(listener: (key: PinKey) => void): () => void;
}

export interface VerifiedPatient {
  method: 'face' | 'pin' | 'staff-visual';
  authCertificatePem: string;
  pinSignature?: { challenge: string; signature: string };
  cardBirthDate?: string;
  cardSex?: 'male' | 'female' | 'unknown';
  consent: ConsentAnswers;
}

export type ConfirmationOutcome = { result: 'confirmed' | 'queued' } | { result: 'refused'; code: ErrorCode };

export interface EligibilityPort {
  /** A fresh challenge from the service for the PIN path's card signature (over its UTF-8 bytes). */
  challenge(): Promise<string>;
  confirm(patient: VerifiedPatient): Promise<ConfirmationOutcome>;
}

/** Everything the flow drives; the composition root picks simulated or real implementations. */
export interface ReceptionDevices {
  cardSlot: CardSlot;
  cardFace: CardFacePort;
  face: FaceVerifierPort;
  /** Null where the terminal has no keypad: the PIN path is then not offered. */
  pinPad: PinPad | null;
  eligibility: EligibilityPort;
}
