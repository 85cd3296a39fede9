// What the reception flow uses: card events, and one function per card operation. It owns the
// card session (one exclusive connection per inserted card), runs operations one at a time,
// refuses a VERIFY at or below the configured tries floor, never retries a secret, and wipes
// everything it read when the session ends (release, card pulled, reader gone).
import { randomBytes as nodeRandomBytes } from 'node:crypto';
import { KioskError, isKioskError } from '../errors/kiosk-error';
import type { Logger } from '../log/logger';
import { ApduChannel, type ApduStats } from './apdu-channel';
import { parseAuthCertificate, type AuthCertificate } from './auth-certificate';
import { readExpiryFromMf } from './card-expiry';
import {
  readAuthenticCardFace,
  readCollationBCounter,
  verifyCollationBOnce,
  type CardFace,
} from './card-surface';
import type { RetryCounter } from './commands';
import type { CardConfig } from './config';
import type { SurfaceCaKey } from './cvc';
import type { CardErrorCode } from './errors';
import {
  readAuthCertificateDer,
  readPinCounter,
  readToken,
  selfTestExtendedLength,
  signWithAuthKey,
  verifyPinOnce,
} from './jpki';
import { sha256, sha256DigestInfo, verifyPkcs1Payload } from './rsa';
import type { CardConnection, ReaderEvent, SmartCardReaders } from './transport';
import { createPublicKey, type KeyObject } from 'node:crypto';

export type { CardFace } from './card-surface';
export type { AuthCertificate } from './auth-certificate';

export type CardIdentity = 'physical-card' | 'android' | 'iphone' | 'not-my-number-card';

/** A retry counter as the patient flow needs it. `verified`: already verified in this session. */
export type SecretStatus = RetryCounter;

export type SecretOutcome = { ok: true } | { ok: false; code: CardErrorCode; triesLeft: number | null };

export type CardServiceEvent =
  | { type: 'card-inserted'; reader: string }
  | { type: 'card-removed'; reader: string }
  | { type: 'reader-attached'; reader: string }
  | { type: 'reader-detached'; reader: string }
  | { type: 'service-lost' }
  | { type: 'service-restored' };

export interface CardReaderServiceOptions {
  readonly readers: SmartCardReaders;
  readonly config: CardConfig;
  /** Trusted card-surface CA keys (J-LIS production keys; the test CA in the simulated world). */
  readonly surfaceCaKeys: readonly SurfaceCaKey[];
  readonly logger: Logger;
  readonly randomBytes?: (length: number) => Uint8Array;
}

interface Session {
  readonly reader: string;
  readonly connection: CardConnection;
  readonly channel: ApduChannel;
  readonly faces: CardFace[];
  authKey: KeyObject | null;
  closed: boolean;
}

/** Overwrites what a card face holds, so nothing personal outlives the session. */
export function wipeCardFace(face: CardFace): void {
  face.photoJ2k.fill(0);
  face.photoJ2k = new Uint8Array(0);
  face.birthDate = '';
  face.expiry = '';
  face.sex = 'unknown';
}

export class CardReaderService {
  private session: Session | null = null;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(event: CardServiceEvent) => void>();
  private readonly unsubscribe: () => void;
  private readonly readerPattern: RegExp;
  private lastStats: ApduStats | null = null;

  constructor(private readonly options: CardReaderServiceOptions) {
    this.readerPattern = new RegExp(options.config.readerNamePattern, 'i');
    this.unsubscribe = options.readers.onEvent((event) => this.onReaderEvent(event));
  }

  onEvent(listener: (event: CardServiceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The reader in use (first whose name matches the pattern) and whether a card is in it. */
  status(): { reader: string | null; cardPresent: boolean } {
    const reader = this.options.readers.readers().find((r) => this.readerPattern.test(r.name));
    return { reader: reader?.name ?? null, cardPresent: reader?.cardPresent ?? false };
  }

  /** Resolves when a card is in the reader (at once if one is). */
  waitForCard(signal?: AbortSignal): Promise<void> {
    if (this.status().cardPresent) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const stop = this.onEvent((event) => {
        if (event.type === 'card-inserted') {
          stop();
          resolve();
        }
      });
      signal?.addEventListener('abort', () => {
        stop();
        reject(signal.reason);
      });
    });
  }

  identify(): Promise<CardIdentity> {
    return this.run(async (channel) => {
      try {
        const token = await readToken(channel);
        if (token === null) return 'not-my-number-card';
        return token === 'card' ? 'physical-card' : token;
      } catch (error) {
        // A card that answers the JPKI SELECT or the token read with nonsense is not ours.
        if (
          isKioskError(error) &&
          (error.code === 'card.malformed-response' || error.code === 'card.unexpected-status')
        ) {
          this.options.logger.info('card.identify-refused', { reason: error.message });
          return 'not-my-number-card';
        }
        throw error;
      }
    });
  }

  readAuthCertificate(): Promise<AuthCertificate> {
    return this.run(async (channel, session) => {
      const der = await readAuthCertificateDer(channel);
      if (der === null) throw new KioskError('card.auth-certificate-absent');
      const certificate = parseAuthCertificate(der);
      if (certificate.testHierarchy && !this.options.config.allowTestHierarchy) {
        throw new KioskError('card.test-hierarchy', 'JPKI certificate from a test hierarchy');
      }
      session.authKey = createPublicKey({
        key: Buffer.from(certificate.publicKeySpki),
        format: 'der',
        type: 'spki',
      });
      return certificate;
    });
  }

  /** The card's expiry (`YYYY-MM-DD`) without any secret, or null when the token does not offer it. */
  readCardExpiry(): Promise<string | null> {
    return this.run((channel) => readExpiryFromMf(channel));
  }

  pinTriesLeft(): Promise<SecretStatus> {
    return this.run((channel) => readPinCounter(channel));
  }

  /** One VERIFY of the user-authentication PIN, unless the counter is at or below the floor. */
  verifyPin(pin: string): Promise<SecretOutcome> {
    if (!/^\d{4}$/.test(pin)) return Promise.resolve({ ok: false, code: 'card.pin-format', triesLeft: null });
    return this.run(async (channel) => {
      const counter = await readPinCounter(channel);
      if (counter.state === 'verified') return { ok: true };
      if (counter.state === 'not-set') return { ok: false, code: 'card.pin-not-set', triesLeft: null };
      if (counter.state === 'locked') return { ok: false, code: 'card.pin-locked', triesLeft: 0 };
      if (counter.triesLeft <= this.options.config.pinTriesFloor) {
        this.options.logger.warn('card.pin-floor', { triesLeft: counter.triesLeft });
        return { ok: false, code: 'card.pin-tries-floor', triesLeft: counter.triesLeft };
      }
      const secret = new TextEncoder().encode(pin);
      try {
        const result = await verifyPinOnce(channel, secret);
        if (result.ok) return { ok: true };
        return result.triesLeft === 0
          ? { ok: false, code: 'card.pin-locked', triesLeft: 0 }
          : { ok: false, code: 'card.pin-wrong', triesLeft: result.triesLeft };
      } finally {
        secret.fill(0);
      }
    });
  }

  /** Signs SHA-256(challenge) with the user-authentication key (PIN verified first). */
  signChallenge(challenge: Uint8Array): Promise<Uint8Array> {
    return this.run(async (channel, session) => {
      const digestInfo = sha256DigestInfo(sha256(challenge));
      const signature = await signWithAuthKey(channel, digestInfo);
      if (session.authKey && !verifyPkcs1Payload(session.authKey, digestInfo, signature)) {
        throw new KioskError(
          'card.challenge-failed',
          'user-auth signature does not verify with the certificate',
        );
      }
      return signature;
    });
  }

  cardSurfaceTriesLeft(): Promise<SecretStatus> {
    return this.run((channel) => readCollationBCounter(channel));
  }

  /** One VERIFY of 照合番号B (14 digits), unless the counter is at or below the floor. */
  unlockCardSurface(collationB: string): Promise<SecretOutcome> {
    if (!/^\d{14}$/.test(collationB)) {
      return Promise.resolve({ ok: false, code: 'card.surface-format', triesLeft: null });
    }
    return this.run(async (channel) => {
      const counter = await readCollationBCounter(channel);
      if (counter.state === 'verified') return { ok: true };
      if (counter.state === 'locked' || counter.state === 'not-set') {
        return { ok: false, code: 'card.surface-locked', triesLeft: 0 };
      }
      if (counter.triesLeft <= this.options.config.cardSurfaceTriesFloor) {
        this.options.logger.warn('card.surface-floor', { triesLeft: counter.triesLeft });
        return { ok: false, code: 'card.surface-tries-floor', triesLeft: counter.triesLeft };
      }
      const secret = new TextEncoder().encode(collationB);
      try {
        const result = await verifyCollationBOnce(channel, secret);
        if (result.ok) return { ok: true };
        return result.triesLeft === 0
          ? { ok: false, code: 'card.surface-locked', triesLeft: 0 }
          : { ok: false, code: 'card.surface-wrong', triesLeft: result.triesLeft };
      } finally {
        secret.fill(0);
      }
    });
  }

  /** The authenticated card face (after `unlockCardSurface`). Wiped by `release()`. */
  readCardFace(): Promise<CardFace> {
    return this.run(async (channel, session) => {
      const face = await readAuthenticCardFace(channel, {
        caKeys: this.options.surfaceCaKeys,
        allowTestHierarchy: this.options.config.allowTestHierarchy,
        randomBytes: this.options.randomBytes ?? ((n) => new Uint8Array(nodeRandomBytes(n))),
      });
      session.faces.push(face);
      return face;
    });
  }

  /** True while a session holds a connection or data read from the card. */
  hasSession(): boolean {
    return this.session !== null;
  }

  /** APDUs and bytes of the current or last session (benchmarks). */
  stats(): ApduStats | null {
    return this.session ? { ...this.session.channel.stats } : this.lastStats;
  }

  /** Ends the session: wipes what was read and resets the card, which drops every verified secret. */
  async release(): Promise<void> {
    const done = this.queue.catch(() => undefined);
    await done;
    await this.endSession('reset');
  }

  async close(): Promise<void> {
    await this.release();
    this.unsubscribe();
    this.listeners.clear();
  }

  private run<T>(operation: (channel: ApduChannel, session: Session) => Promise<T>): Promise<T> {
    const next = this.queue.then(async () => {
      const session = await this.openSession();
      return operation(session.channel, session);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async openSession(): Promise<Session> {
    if (this.session && !this.session.closed) return this.session;
    const { reader, cardPresent } = this.status();
    if (reader === null) throw new KioskError('card.reader-not-found');
    if (!cardPresent) throw new KioskError('card.not-present');
    // Exclusive for the whole session: a verified key must never be shared with another application.
    const connection = await this.options.readers.connect(reader, 'exclusive');
    const channel = new ApduChannel(connection, { apduTimeoutMs: this.options.config.apduTimeoutMs });
    this.session = { reader, connection, channel, faces: [], authKey: null, closed: false };
    this.options.logger.info('card.session-opened', { reader, protocol: connection.protocol });
    if (this.options.config.extendedLength === 'self-test')
      await this.applyExtendedLengthSelfTest(reader, channel);
    return this.session;
  }

  /** Per reader, once: the answer does not change while the same reader stays attached. */
  private readonly extendedLengthByReader = new Map<string, boolean>();

  private async applyExtendedLengthSelfTest(reader: string, channel: ApduChannel): Promise<void> {
    let passed = this.extendedLengthByReader.get(reader);
    if (passed === undefined) {
      try {
        passed = await selfTestExtendedLength(channel);
      } catch (error) {
        // A reader that chokes on the test just stays on short APDUs; a pulled card still ends the session.
        if (isKioskError(error) && (error.code === 'card.removed' || error.code === 'card.reader-gone'))
          throw error;
        passed = false;
      }
      this.extendedLengthByReader.set(reader, passed);
      this.options.logger.info('card.extended-length-self-test', { reader, passed });
    }
    if (passed) channel.enableExtendedLength();
  }

  private async endSession(disposition: 'reset' | 'leave', abortWith?: KioskError): Promise<void> {
    const session = this.session;
    if (!session) return;
    this.session = null;
    session.closed = true;
    if (abortWith) session.channel.abort(abortWith);
    for (const face of session.faces) wipeCardFace(face);
    session.faces.length = 0;
    session.authKey = null;
    this.lastStats = { ...session.channel.stats };
    await session.connection.disconnect(disposition);
    this.options.logger.info('card.session-closed', { reason: abortWith?.code ?? 'released' });
  }

  private onReaderEvent(event: ReaderEvent): void {
    const ours = 'reader' in event ? this.readerPattern.test(event.reader) : true;
    if (!ours) return;
    if (event.type === 'card-removed' && this.session?.reader === event.reader) {
      void this.endSession('leave', new KioskError('card.removed'));
    } else if (event.type === 'reader-detached' && this.session?.reader === event.reader) {
      void this.endSession('leave', new KioskError('card.reader-gone'));
    } else if (event.type === 'service-lost') {
      void this.endSession('leave', new KioskError('card.service-unavailable'));
    }
    const forwarded: CardServiceEvent =
      event.type === 'card-inserted' ? { type: 'card-inserted', reader: event.reader } : event;
    for (const listener of this.listeners) listener(forwarded);
  }
}
