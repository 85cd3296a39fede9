// One card connection seen as a stream of APDUs: encodes commands, follows 61xx with GET RESPONSE
// and 6Cxx with one corrected re-send (never for a secret), bounds everything a card can make us
// do or hold, counts what moved, and fails fast and typed when the card goes away.
import { KioskError, isKioskError } from '../errors/kiosk-error';
import { encodeCommand, parseResponse, swHex, type CommandApdu, type ResponseApdu } from './apdu';
import type { CardConnection } from './transport';

export interface ApduChannelOptions {
  /** A command the card has not answered within this long fails with `card.unresponsive`. */
  readonly apduTimeoutMs: number;
  /** Extended-length APDUs, once the reader passed the self-test. */
  readonly extendedLength?: boolean;
}

export interface ApduStats {
  apdus: number;
  bytesSent: number;
  bytesReceived: number;
}

/** A card that keeps saying 61xx cannot make us loop or grow without bound. */
const MAX_GET_RESPONSES = 64;
const MAX_RESPONSE_BYTES = 65536 + 2;

export class ApduChannel {
  readonly stats: ApduStats = { apdus: 0, bytesSent: 0, bytesReceived: 0 };
  /**
   * The application selected last (hex AID). The session holds the card exclusively and ends on
   * any reset or removal, so the card cannot change it behind our back; re-selecting is skipped.
   */
  currentApplication: string | null = null;
  private aborted: KioskError | null = null;
  private readonly abortListeners = new Set<(error: KioskError) => void>();

  constructor(
    private readonly connection: CardConnection,
    private readonly options: ApduChannelOptions,
  ) {
    this.extended = options.extendedLength ?? false;
  }

  private extended: boolean;

  get extendedLength(): boolean {
    return this.extended;
  }

  /** After the reader passed the self-test: long reads go in one extended APDU. */
  enableExtendedLength(): void {
    this.extended = true;
  }

  /** Fails the pending and every later command with `error` (card removed, reader gone). */
  abort(error: KioskError): void {
    if (this.aborted) return;
    this.aborted = error;
    for (const listener of this.abortListeners) listener(error);
  }

  /** Sends `command` in the extended-length form whatever the setting (the self-test). */
  async sendExtended(command: CommandApdu): Promise<ResponseApdu> {
    return this.exchange(encodeCommand(command, true));
  }

  async send(command: CommandApdu): Promise<ResponseApdu> {
    const encoded = encodeCommand(command, this.extendedLength);
    let response: ResponseApdu;
    try {
      response = await this.exchange(encoded);
    } finally {
      // The encoded copy of a PIN or 照合番号B does not outlive the exchange.
      if (command.secret) encoded.fill(0);
    }
    if (response.sw >> 8 === 0x6c && !command.secret) {
      // Wrong Le: the card tells the right one. One re-send, and only for a command without a secret.
      const le = response.sw & 0xff || 256;
      response = await this.exchange(encodeCommand({ ...command, le }, this.extendedLength));
    }
    if (response.sw >> 8 !== 0x61) return response;
    const parts: Uint8Array[] = [response.data];
    let total = response.data.length;
    for (let i = 0; response.sw >> 8 === 0x61; i += 1) {
      if (i >= MAX_GET_RESPONSES) {
        throw new KioskError('card.malformed-response', `more than ${MAX_GET_RESPONSES} GET RESPONSE`);
      }
      const le = response.sw & 0xff || 256;
      response = await this.exchange(encodeCommand({ cla: 0x00, ins: 0xc0, p1: 0, p2: 0, le }));
      total += response.data.length;
      if (total > MAX_RESPONSE_BYTES) {
        throw new KioskError('card.malformed-response', `chained response over ${MAX_RESPONSE_BYTES} bytes`);
      }
      parts.push(response.data);
    }
    const data = new Uint8Array(total);
    let at = 0;
    for (const part of parts) {
      data.set(part, at);
      at += part.length;
    }
    return { data, sw: response.sw };
  }

  /** `send`, then anything but 9000 becomes `card.unexpected-status`. */
  async expectOk(command: CommandApdu, what: string): Promise<Uint8Array> {
    const response = await this.send(command);
    if (response.sw !== 0x9000) {
      throw new KioskError('card.unexpected-status', `${what}: SW ${swHex(response.sw)}`);
    }
    return response.data;
  }

  private async exchange(raw: Uint8Array): Promise<ResponseApdu> {
    if (this.aborted) throw this.aborted;
    this.stats.apdus += 1;
    this.stats.bytesSent += raw.length;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let onAbort: ((error: KioskError) => void) | undefined;
    try {
      const answer = await Promise.race([
        this.connection.transmit(raw),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () =>
              reject(new KioskError('card.unresponsive', `no answer in ${this.options.apduTimeoutMs} ms`)),
            this.options.apduTimeoutMs,
          );
          onAbort = (error) => reject(error);
          this.abortListeners.add(onAbort);
        }),
      ]);
      if (answer.length > MAX_RESPONSE_BYTES) {
        throw new KioskError('card.malformed-response', `response of ${answer.length} bytes`);
      }
      this.stats.bytesReceived += answer.length;
      return parseResponse(answer);
    } catch (error) {
      if (this.aborted) throw this.aborted;
      if (isKioskError(error)) throw error;
      throw new KioskError('card.transport', 'transmit failed', { cause: error });
    } finally {
      clearTimeout(timer);
      if (onAbort) this.abortListeners.delete(onAbort);
    }
  }
}
