// What the reception flow needs from each device and service, in its own words. The composition
// root adapts the card driver, the card-face reader, the face verifier, the PIN pad and the
// eligibility client to these; the flow never sees a transport, a model or a database.
import type { ConsentAnswers, FaceFeedback } from '../contract';
import type { ErrorCode } from '../errors/catalogue';

export type TokenKind = 'card' | 'android' | 'iphone' | 'not-my-number';

export type PinStatus =
  | { state: 'not-set' }
  | { state: 'locked' }
  /** `atFloor`: so few tries are left that this kiosk will not send a VERIFY (staff can help). */
  | { state: 'set'; triesLeft: number; atFloor?: boolean };

/** `notSent`: the driver itself refused (its tries floor, a number this card already rejected). */
export type VerifyOutcome =
  | { ok: true }
  /**
   * `atFloor`: the tries left are now too few for this kiosk to send another VERIFY.
   * `lastTryUnconfirmed`: the card is on its last try and the patient has not confirmed spending it.
   */
  | { ok: false; triesLeft: number; notSent?: boolean; atFloor?: boolean; lastTryUnconfirmed?: boolean };

export interface CardFaceData {
  photoJ2k: Uint8Array;
  /** YYYY-MM-DD */
  birthDate: string;
  sex: 'male' | 'female' | 'unknown';
}

/**
 * One card on the reader, for as long as it stays there: the handle belongs to this insertion, and
 * once the card has left every call fails with `card.removed` before anything reaches a card. Each
 * secret is tried once per call; `signal` takes the step back before any VERIFY not yet sent.
 */
export interface InsertedCard {
  readonly token: TokenKind;
  authCertificatePem(signal?: AbortSignal): Promise<string>;
  /** The expiry year the chip reports without any secret, or null where the card has none. */
  chipExpiryYear(signal?: AbortSignal): Promise<number | null>;
  pinStatus(signal?: AbortSignal): Promise<PinStatus>;
  /** On the card's last try no VERIFY is sent unless `lastTryConfirmed` (the patient confirmed it). */
  verifyPin(
    pin: string,
    signal?: AbortSignal,
    options?: { lastTryConfirmed: boolean },
  ): Promise<VerifyOutcome>;
  /** Signs with the user-authentication key (after a successful PIN). */
  signChallenge(challenge: Uint8Array, signal?: AbortSignal): Promise<Uint8Array>;
  /** Infinity once verified in this session. */
  cardSurfaceTriesLeft(signal?: AbortSignal): Promise<number>;
  unlockCardSurface(collationB: string, signal?: AbortSignal): Promise<VerifyOutcome>;
  /** The card-face record, its signature and the card's answer to a fresh challenge checked. */
  readCardFace(signal?: AbortSignal): Promise<CardFaceData>;
  /** Lets this card go and resets it, so no verified state outlives the session. Ends only this one. */
  release(): Promise<void>;
}

export type CardEvent =
  | { type: 'inserted'; open: (signal?: AbortSignal) => Promise<InsertedCard> }
  | { type: 'removed' }
  /** A reader came or went, or the PC/SC service did: the flow asks its health port again. */
  | { type: 'reader-changed' };

export interface CardSlot {
  onCard(listener: (event: CardEvent) => void): () => void;
  /** True while a card is on the reader (the flow asks for a card left behind to be taken). */
  cardPresent(): boolean;
  /** No PIN VERIFY is sent at or below this many tries left (the flow explains it before typing). */
  readonly pinTriesFloor?: number;
}

export type CardFaceUnlockOutcome =
  | { kind: 'unlocked' }
  /** Ask the patient to place the card again, then try once more. */
  | { kind: 're-place'; code: ErrorCode }
  /** The face path is over for this card: offer the PIN (where set) or staff. */
  | { kind: 'pin-or-staff'; code: ErrorCode; triesLeft?: number }
  /** Only staff can continue. `triesLeft`: the card's 照合番号B tries after a rejected VERIFY. */
  | { kind: 'staff'; code: ErrorCode; triesLeft?: number };

/**
 * Opens the card-surface AP with 照合番号B read from the printed card face. The digits never
 * leave this step: it reads, gates, and sends at most one VERIFY per placement, never a retry.
 */
export interface CardFaceUnlocker {
  /** One placement of the card; `chipExpiryYear` is what the chip says without a secret. After
   *  `signal` aborts no VERIFY is sent. */
  unlock(chipExpiryYear: number, signal?: AbortSignal): Promise<CardFaceUnlockOutcome>;
  /**
   * 照合番号B typed by staff (目視確認, card face unreadable): validated against the chip's expiry
   * year (a mistyped number throws `card-face.staff-entry-*` and reaches no card), then at most one
   * VERIFY; once the card rejected a typed number, no other is sent in this session.
   */
  unlockFromStaffEntry(
    typed: string,
    chipExpiryYear: number,
    signal?: AbortSignal,
  ): Promise<CardFaceUnlockOutcome>;
  /** Forgets everything about this session. */
  end(): void;
}

export interface CardFacePort {
  /** A fresh unlock step for this card (its own session: a stale step cannot reach another card). */
  begin(card: InsertedCard): CardFaceUnlocker;
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
  /** After `signal` aborts, the check (if already made) is cancelled and nothing is kept. */
  start(cardPhotoJ2k: Uint8Array, signal?: AbortSignal): Promise<FaceCheck>;
}

export type PinKey = '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | 'clear' | 'enter' | 'cancel';

/** The reader's keypad: digits never pass through the renderer. */
export interface PinPad {
  onKey(listener: (key: PinKey) => void): () => void;
}

export interface VerifiedPatient {
  /** `smartphone`: an iPhone verified its holder itself and signed; an Android phone's PIN is `pin`. */
  method: 'face' | 'pin' | 'smartphone' | 'staff-visual';
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

/** Why the kiosk cannot take patients now, if it cannot, for staff (checked at start, then while out of service). */
export interface HealthPort {
  faults(): Promise<ErrorCode[]>;
}

/** Tells the staff side a patient needs help (the event hub, metrics, a light or sound on the reader). */
export interface StaffCallPort {
  called(call: { reason: ErrorCode; from: string }): void;
}

/**
 * The on-screen keypad, where the terminal has no PIN pad: the renderer draws the digits in the
 * layout the view gives and sends the four digits once, on 確定 (`reception:submit-pin`).
 */
export interface OnScreenKeypad {
  layout: 'fixed' | 'shuffled';
}

/** Everything the flow drives; the composition root picks simulated or real implementations. */
export interface ReceptionDevices {
  cardSlot: CardSlot;
  /** The general-purpose reader for smartphone マイナ保険証; absent: the smartphone path is not offered. */
  phoneSlot?: CardSlot;
  cardFace: CardFacePort;
  face: FaceVerifierPort;
  /** Null where the terminal has no keypad: the PIN path is then not offered. */
  pinPad: PinPad | null;
  /** Only where `pinPad` is null: the PIN is typed on the screen instead. */
  onScreenKeypad?: OnScreenKeypad;
  eligibility: EligibilityPort;
  /** Checked when the flow starts: any fault shows the out-of-service screen until a re-check finds none. */
  health?: HealthPort;
  staffCall?: StaffCallPort;
  /** The visual check (目視確認) by staff at the kiosk; absent: the staff control is not shown. */
  visualCheck?: VisualCheckPort;
}

/** Who checked the patient (a staff account), held only for the patient's session. */
export interface VisualCheckStaff {
  accountId: number;
  name: string;
  role: 'staff' | 'admin';
}

/**
 * The staff side of the visual check (electron/staff/visual-check.ts adapted): the passcode is checked
 * and the decision audited there. Nothing here touches the card: its failure counters stay as they are.
 */
export interface VisualCheckPort {
  /** Names for the kiosk's staff picker (accounts that are not locked). */
  staffNames(): string[];
  authorise(
    name: string,
    passcode: string,
  ): Promise<
    { ok: true; staff: VisualCheckStaff } | { ok: false; code: 'staff.login-failed' | 'staff.locked' }
  >;
  /** Audits the decision against the card's authentication certificate (hashed there, never stored). */
  decided(staff: VisualCheckStaff, decision: 'confirm' | 'refuse', authCertificatePem: string): void;
  /** The chip photo (JPEG 2000) as a displayable data: URL, for the visual-check view only. */
  photoDataUrl(photoJ2k: Uint8Array): Promise<string>;
  /** Audits that staff typed 照合番号B and what came of it (never the number). */
  collationNumberEntered(
    staff: VisualCheckStaff,
    authCertificatePem: string,
    outcome: { ok: boolean; code?: ErrorCode; triesLeft?: number },
  ): void;
}
