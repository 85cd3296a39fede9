// What the reception flow uses: card events, and a card session per insertion. A `CardSession`
// holds one exclusive connection to the card that was inserted when it was opened; once that card
// leaves (removed, swapped, reader gone, released) every operation on it fails with `card.removed`
// before any APDU — a stale handle can never reach the next patient's card. Operations run one at a
// time, take an AbortSignal checked before every secret, refuse a VERIFY at or below the configured
// tries floor, never retry a secret, never re-send a 照合番号B the card rejected today, and wipe
// everything read when the session ends.
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
  sendLastCommandIndicator,
  signWithAuthKey,
  verifyPinOnce,
} from './jpki';
import { sha256, sha256DigestInfo, verifyPkcs1Payload } from './rsa';
import type { CardConnection, Disposition, ReaderEvent, SmartCardReaders } from './transport';
import { createPublicKey, type KeyObject } from 'node:crypto';
import { systemClock, type Clock } from '../clock';
import { RejectedSecrets } from './rejected-secrets';

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
  /** The clinic day for the rejected-照合番号B memory (the system clock in Japan by default). */
  readonly clock?: Clock;
  /** The terminal's key for that memory's hashes (random per process by default). */
  readonly rejectionKey?: Uint8Array;
  /** Readers this service never uses, though its pattern matches them (the phone reader beside the kiosk). */
  readonly excludeReaderNamePattern?: string;
}

/** Overwrites what a card face holds, so nothing personal outlives the session. */
export function wipeCardFace(face: CardFace): void {
  face.photoJ2k.fill(0);
  face.photoJ2k = new Uint8Array(0);
  face.birthDate = '';
  face.expiry = '';
  face.sex = 'unknown';
}

/** What a session needs from the service that opened it. */
interface SessionOwner {
  readonly options: CardReaderServiceOptions;
  readonly rejected: RejectedSecrets;
  /** True while `insertion` is still the card in `reader` (no removal or insertion since). */
  isCurrentInsertion(reader: string, insertion: number): boolean;
  ended(session: CardSession, stats: ApduStats): void;
}

const aborted = (signal: AbortSignal | undefined): void => {
  if (signal?.aborted) throw new KioskError('card.aborted', 'the flow left the step');
};

/** One inserted card, from the connection opened for it until it leaves or is released. */
export class CardSession {
  private queue: Promise<unknown> = Promise.resolve();
  private endedWith: KioskError | null = null;
  private readonly faces: CardFace[] = [];
  private authKey: KeyObject | null = null;
  /** The card's user-authentication certificate, once read: the card's identity for this session. */
  private certificateDer: Uint8Array | null = null;
  /** What `identify` found: an iPhone is told when the reader is done with it. */
  private identity: CardIdentity | null = null;

  constructor(
    private readonly owner: SessionOwner,
    readonly reader: string,
    private readonly insertion: number,
    private readonly connection: CardConnection,
    readonly channel: ApduChannel,
  ) {}

  /** The ATR of the card this session was opened for. */
  get atr(): Uint8Array {
    return this.connection.atr;
  }

  /** False once the card left or the session was released. */
  get active(): boolean {
    return this.endedWith === null && this.owner.isCurrentInsertion(this.reader, this.insertion);
  }

  identify(signal?: AbortSignal): Promise<CardIdentity> {
    return this.run(async (channel) => {
      try {
        const token = await readToken(channel);
        this.identity = token === null ? 'not-my-number-card' : token === 'card' ? 'physical-card' : token;
        return this.identity;
      } catch (error) {
        // A card that answers the JPKI SELECT or the token read with nonsense is not ours.
        if (
          isKioskError(error) &&
          (error.code === 'card.malformed-response' || error.code === 'card.unexpected-status')
        ) {
          this.owner.options.logger.info('card.identify-refused', { reason: error.message });
          return 'not-my-number-card';
        }
        throw error;
      }
    }, signal);
  }

  readAuthCertificate(signal?: AbortSignal): Promise<AuthCertificate> {
    return this.run(async (channel) => {
      const der = await this.certificate(channel);
      const certificate = parseAuthCertificate(der);
      if (certificate.testHierarchy && !this.owner.options.config.allowTestHierarchy) {
        throw new KioskError('card.test-hierarchy', 'JPKI certificate from a test hierarchy');
      }
      this.authKey = createPublicKey({
        key: Buffer.from(certificate.publicKeySpki),
        format: 'der',
        type: 'spki',
      });
      return certificate;
    }, signal);
  }

  /** The card's expiry (`YYYY-MM-DD`) without any secret, or null when the token does not offer it. */
  readCardExpiry(signal?: AbortSignal): Promise<string | null> {
    return this.run((channel) => readExpiryFromMf(channel), signal);
  }

  pinTriesLeft(signal?: AbortSignal): Promise<SecretStatus> {
    return this.run((channel) => readPinCounter(channel), signal);
  }

  /**
   * One VERIFY of the user-authentication PIN, unless the counter is at or below the floor, or it
   * shows the last try and the patient has not confirmed spending it (`lastTryConfirmed`): a wrong
   * last try locks the card until the city office resets it, so it is never sent unasked.
   */
  verifyPin(
    pin: string,
    signal?: AbortSignal,
    options: { lastTryConfirmed?: boolean } = {},
  ): Promise<SecretOutcome> {
    if (!/^\d{4}$/.test(pin)) return Promise.resolve({ ok: false, code: 'card.pin-format', triesLeft: null });
    return this.run(async (channel) => {
      const counter = await readPinCounter(channel);
      if (counter.state === 'verified') return { ok: true };
      if (counter.state === 'not-set') return { ok: false, code: 'card.pin-not-set', triesLeft: null };
      if (counter.state === 'locked') return { ok: false, code: 'card.pin-locked', triesLeft: 0 };
      if (counter.triesLeft <= this.owner.options.config.pinTriesFloor) {
        this.owner.options.logger.warn('card.pin-floor', { triesLeft: counter.triesLeft });
        return { ok: false, code: 'card.pin-tries-floor', triesLeft: counter.triesLeft };
      }
      if (counter.triesLeft === 1 && options.lastTryConfirmed !== true) {
        this.owner.options.logger.warn('card.pin-last-try-unconfirmed', { triesLeft: 1 });
        return { ok: false, code: 'card.pin-last-try-unconfirmed', triesLeft: 1 };
      }
      this.usable(signal); // the last moment the flow can still take the step back
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
    }, signal);
  }

  /** Signs SHA-256(challenge) with the user-authentication key (PIN verified first). */
  signChallenge(challenge: Uint8Array, signal?: AbortSignal): Promise<Uint8Array> {
    return this.run(async (channel) => {
      const digestInfo = sha256DigestInfo(sha256(challenge));
      const signature = await signWithAuthKey(channel, digestInfo);
      if (this.authKey && !verifyPkcs1Payload(this.authKey, digestInfo, signature)) {
        throw new KioskError(
          'card.challenge-failed',
          'user-auth signature does not verify with the certificate',
        );
      }
      return signature;
    }, signal);
  }

  cardSurfaceTriesLeft(signal?: AbortSignal): Promise<SecretStatus> {
    return this.run((channel) => readCollationBCounter(channel), signal);
  }

  /**
   * One VERIFY of 照合番号B (14 digits), unless the counter is at or below the floor or this card
   * already rejected this very number today.
   */
  unlockCardSurface(collationB: string, signal?: AbortSignal): Promise<SecretOutcome> {
    if (!/^\d{14}$/.test(collationB)) {
      return Promise.resolve({ ok: false, code: 'card.surface-format', triesLeft: null });
    }
    return this.run(async (channel) => {
      const { config, logger } = this.owner.options;
      // The card's identity for the rejected-number memory (read before the card-surface AP is selected).
      const identity = this.certificateDer ?? (await this.certificate(channel));
      const counter = await readCollationBCounter(channel);
      if (counter.state === 'verified') return { ok: true };
      if (counter.state === 'locked' || counter.state === 'not-set') {
        return { ok: false, code: 'card.surface-locked', triesLeft: 0 };
      }
      if (counter.triesLeft <= config.cardSurfaceTriesFloor) {
        logger.warn('card.surface-floor', { triesLeft: counter.triesLeft });
        return { ok: false, code: 'card.surface-tries-floor', triesLeft: counter.triesLeft };
      }
      const secret = new TextEncoder().encode(collationB);
      try {
        if (this.owner.rejected.has(identity, secret)) {
          logger.warn('card.surface-already-rejected', { triesLeft: counter.triesLeft });
          return { ok: false, code: 'card.surface-already-rejected', triesLeft: counter.triesLeft };
        }
        this.usable(signal);
        const result = await verifyCollationBOnce(channel, secret);
        if (result.ok) return { ok: true };
        this.owner.rejected.remember(identity, secret);
        return result.triesLeft === 0
          ? { ok: false, code: 'card.surface-locked', triesLeft: 0 }
          : { ok: false, code: 'card.surface-wrong', triesLeft: result.triesLeft };
      } finally {
        secret.fill(0);
      }
    }, signal);
  }

  /** The authenticated card face (after `unlockCardSurface`). Wiped when the session ends. */
  readCardFace(signal?: AbortSignal): Promise<CardFace> {
    return this.run(async (channel) => {
      const face = await readAuthenticCardFace(channel, {
        caKeys: this.owner.options.surfaceCaKeys,
        allowTestHierarchy: this.owner.options.config.allowTestHierarchy,
        randomBytes: this.owner.options.randomBytes ?? ((n) => new Uint8Array(nodeRandomBytes(n))),
      });
      this.faces.push(face);
      return face;
    }, signal);
  }

  /**
   * Ends this session — and only this one: what was read is wiped and the card reset, which drops
   * every verified secret. Operations still queued fail with `card.removed`; the one on the wire
   * finishes first, so the card is never reset in the middle of a command.
   */
  async release(): Promise<void> {
    if (this.endedWith) return;
    this.endedWith = new KioskError('card.removed', 'session released');
    await this.queue.catch(() => undefined);
    if (this.identity === 'iphone' && this.owner.isCurrentInsertion(this.reader, this.insertion)) {
      // The phone is still in the field: tell it the reader is done (its answer changes nothing).
      await sendLastCommandIndicator(this.channel).catch(() => false);
    }
    await this.finish('reset', null);
  }

  /** The card left (removed, swapped, reader gone, service lost): the pending command fails at once. */
  async abandon(error: KioskError): Promise<void> {
    if (this.endedWith) return;
    this.endedWith = error;
    this.channel.abort(error);
    await this.finish('leave', error);
  }

  private finished = false;

  private async finish(disposition: Disposition, error: KioskError | null): Promise<void> {
    if (this.finished) return;
    this.finished = true;
    for (const face of this.faces) wipeCardFace(face);
    this.faces.length = 0;
    this.authKey = null;
    this.certificateDer?.fill(0);
    this.certificateDer = null;
    this.owner.ended(this, { ...this.channel.stats });
    await this.connection.disconnect(disposition);
    this.owner.options.logger.info('card.session-closed', { reason: error?.code ?? 'released' });
  }

  /** Throws before any APDU when the session is over or the step was taken back. */
  private usable(signal: AbortSignal | undefined): void {
    if (this.endedWith)
      throw this.endedWith.code === 'card.removed'
        ? this.endedWith
        : new KioskError('card.removed', this.endedWith.code);
    if (!this.owner.isCurrentInsertion(this.reader, this.insertion)) {
      const error = new KioskError('card.removed', 'another insertion is in the reader');
      void this.abandon(error);
      throw error;
    }
    aborted(signal);
  }

  /** The certificate DER, read once per session; a different one means a different card. */
  private async certificate(channel: ApduChannel): Promise<Uint8Array> {
    const der = await readAuthCertificateDer(channel);
    if (der === null) throw new KioskError('card.auth-certificate-absent');
    if (this.certificateDer && Buffer.compare(this.certificateDer, der) !== 0) {
      const error = new KioskError('card.removed', 'the certificate changed: another card');
      void this.abandon(error);
      throw error;
    }
    this.certificateDer ??= der.slice();
    return der;
  }

  private run<T>(
    operation: (channel: ApduChannel) => Promise<T>,
    signal: AbortSignal | undefined,
  ): Promise<T> {
    const next = this.queue.then(() => {
      this.usable(signal);
      return operation(this.channel);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }
}

export class CardReaderService {
  private current: CardSession | null = null;
  private opening: Promise<CardSession> | null = null;
  private readonly listeners = new Set<(event: CardServiceEvent) => void>();
  private readonly unsubscribe: () => void;
  private readonly readerPattern: { test(name: string): boolean };
  private lastStats: ApduStats | null = null;
  /** Per reader: how many insertions and removals it has seen, and the ATR of the card in it. */
  private readonly insertions = new Map<string, { count: number; atr: Uint8Array | null }>();
  private readonly owner: SessionOwner;

  constructor(private readonly options: CardReaderServiceOptions) {
    const include = new RegExp(options.config.readerNamePattern, 'i');
    const exclude = options.excludeReaderNamePattern
      ? new RegExp(options.excludeReaderNamePattern, 'i')
      : null;
    this.readerPattern = { test: (name) => include.test(name) && !(exclude?.test(name) ?? false) };
    this.owner = {
      options,
      rejected: new RejectedSecrets(options.clock ?? systemClock(), options.rejectionKey),
      isCurrentInsertion: (reader, insertion) =>
        (this.insertions.get(reader)?.count ?? 0) === insertion &&
        this.options.readers.readers().some((r) => r.name === reader && r.cardPresent),
      ended: (session, stats) => {
        if (this.current === session) this.current = null;
        this.lastStats = stats;
      },
    };
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

  /**
   * A session for the card in the reader now: one exclusive connection, bound to this insertion.
   * A card swapped while connecting (the insertion count moved, or the ATR is not the inserted
   * card's) fails with `card.removed`.
   */
  async openSession(signal?: AbortSignal): Promise<CardSession> {
    aborted(signal);
    if (this.current?.active) throw new KioskError('card.in-use', 'a session is open for this card');
    const { reader, cardPresent } = this.status();
    if (reader === null) throw new KioskError('card.reader-not-found');
    if (!cardPresent) throw new KioskError('card.not-present');
    const insertion = this.insertions.get(reader) ?? { count: 0, atr: null };
    const count = insertion.count;
    // Exclusive for the whole session: a verified key must never be shared with another application.
    const connection = await this.options.readers.connect(reader, 'exclusive');
    const swapped =
      !this.owner.isCurrentInsertion(reader, count) ||
      (insertion.atr !== null && Buffer.compare(insertion.atr, connection.atr) !== 0);
    if (swapped || signal?.aborted) {
      await connection.disconnect('leave');
      if (swapped) throw new KioskError('card.removed', 'the card changed while connecting');
      aborted(signal);
    }
    const channel = new ApduChannel(connection, { apduTimeoutMs: this.options.config.apduTimeoutMs });
    const session = new CardSession(this.owner, reader, count, connection, channel);
    this.current = session;
    this.options.logger.info('card.session-opened', { reader, protocol: connection.protocol });
    if (this.options.config.extendedLength === 'self-test') {
      try {
        await this.applyExtendedLengthSelfTest(reader, channel);
      } catch (error) {
        await session.abandon(isKioskError(error) ? error : new KioskError('card.transport'));
        throw error;
      }
    }
    return session;
  }

  // ── one-shot use without holding a session (tools, benchmarks, driver tests) ────────────────
  // Each runs on the session of the card in the reader now, opening one if needed. The reception
  // flow never uses these: it holds its own CardSession per insertion.

  identify(): Promise<CardIdentity> {
    return this.shared().then((s) => s.identify());
  }
  readAuthCertificate(): Promise<AuthCertificate> {
    return this.shared().then((s) => s.readAuthCertificate());
  }
  readCardExpiry(): Promise<string | null> {
    return this.shared().then((s) => s.readCardExpiry());
  }
  pinTriesLeft(): Promise<SecretStatus> {
    return this.shared().then((s) => s.pinTriesLeft());
  }
  verifyPin(pin: string, options: { lastTryConfirmed?: boolean } = {}): Promise<SecretOutcome> {
    return this.shared().then((s) => s.verifyPin(pin, undefined, options));
  }
  signChallenge(challenge: Uint8Array): Promise<Uint8Array> {
    return this.shared().then((s) => s.signChallenge(challenge));
  }
  cardSurfaceTriesLeft(): Promise<SecretStatus> {
    return this.shared().then((s) => s.cardSurfaceTriesLeft());
  }
  unlockCardSurface(collationB: string): Promise<SecretOutcome> {
    return this.shared().then((s) => s.unlockCardSurface(collationB));
  }
  readCardFace(): Promise<CardFace> {
    return this.shared().then((s) => s.readCardFace());
  }

  /** True while a session holds a connection or data read from the card. */
  hasSession(): boolean {
    return this.current !== null;
  }

  /** APDUs and bytes of the current or last session (benchmarks). */
  stats(): ApduStats | null {
    return this.current ? { ...this.current.channel.stats } : this.lastStats;
  }

  /** Ends the current session (the one-shot helpers' session): wipes what was read and resets the card. */
  async release(): Promise<void> {
    const opening = this.opening;
    if (opening) await opening.catch(() => undefined);
    await this.current?.release();
  }

  async close(): Promise<void> {
    await this.release();
    this.unsubscribe();
    this.listeners.clear();
  }

  private shared(): Promise<CardSession> {
    if (this.current?.active) return Promise.resolve(this.current);
    this.opening ??= this.openSession().finally(() => {
      this.opening = null;
    });
    return this.opening;
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

  private onReaderEvent(event: ReaderEvent): void {
    const ours = 'reader' in event ? this.readerPattern.test(event.reader) : true;
    if (!ours) return;
    const session = this.current;
    if (event.type === 'card-inserted' || event.type === 'card-removed') {
      const known = this.insertions.get(event.reader) ?? { count: 0, atr: null };
      this.insertions.set(event.reader, {
        count: known.count + 1,
        atr: event.type === 'card-inserted' ? event.atr.slice() : null,
      });
    }
    if (
      (event.type === 'card-removed' || event.type === 'card-inserted') &&
      session?.reader === event.reader
    ) {
      // An insertion without a removal first is a swap the poll missed: the session's card is gone too.
      void session.abandon(new KioskError('card.removed'));
    } else if (event.type === 'reader-detached' && session?.reader === event.reader) {
      void session.abandon(new KioskError('card.reader-gone'));
    } else if (event.type === 'service-lost') {
      void session?.abandon(new KioskError('card.service-unavailable'));
    }
    const forwarded: CardServiceEvent =
      event.type === 'card-inserted' ? { type: 'card-inserted', reader: event.reader } : event;
    for (const listener of this.listeners) listener(forwarded);
  }
}
