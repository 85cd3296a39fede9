// The card commands the kiosk uses (card.md §1.7), each one function over an ApduChannel.
import { KioskError } from '../errors/kiosk-error';
import { swHex, SW, type ResponseApdu } from './apdu';
import type { ApduChannel } from './apdu-channel';
import { parseTlvHeader, MAX_TLV_HEADER } from './tlv';

export const hexToBytes = (hex: string): Uint8Array => Uint8Array.from(Buffer.from(hex, 'hex'));

/** SELECT DF by its full AID, no FCI. False when the card has no such application. */
export async function selectApplication(channel: ApduChannel, aid: Uint8Array): Promise<boolean> {
  const hex = Buffer.from(aid).toString('hex');
  if (channel.currentApplication === hex) return true;
  channel.currentApplication = null;
  const { sw } = await channel.send({ cla: 0x00, ins: 0xa4, p1: 0x04, p2: 0x0c, data: aid });
  if (sw === SW.OK) {
    channel.currentApplication = hex;
    return true;
  }
  if (sw === SW.FILE_NOT_FOUND) return false;
  throw new KioskError('card.unexpected-status', `SELECT DF: SW ${swHex(sw)}`);
}

/** SELECT EF under the current DF. False when there is no such file. */
export async function selectFile(channel: ApduChannel, fid: number): Promise<boolean> {
  const data = Uint8Array.of(fid >> 8, fid & 0xff);
  const { sw } = await channel.send({ cla: 0x00, ins: 0xa4, p1: 0x02, p2: 0x0c, data });
  if (sw === SW.OK) return true;
  if (sw === SW.FILE_NOT_FOUND) return false;
  throw new KioskError('card.unexpected-status', `SELECT EF ${fid.toString(16)}: SW ${swHex(sw)}`);
}

export type RetryCounter =
  | { state: 'available'; triesLeft: number }
  | { state: 'verified' }
  | { state: 'locked' }
  | { state: 'not-set' };

function interpretRetries(sw: number, what: string): RetryCounter {
  if (sw >> 4 === 0x63c) {
    const triesLeft = sw & 0x0f;
    return triesLeft === 0 ? { state: 'locked' } : { state: 'available', triesLeft };
  }
  if (sw === SW.OK) return { state: 'verified' };
  if (sw === SW.REFERENCE_DATA_NOT_USABLE || sw === SW.AUTH_BLOCKED) return { state: 'locked' };
  // No key object behind the reference: the secret was never set (simulated world's convention).
  if (sw === SW.DATA_NOT_FOUND) return { state: 'not-set' };
  throw new KioskError('card.unexpected-status', `${what} retry query: SW ${swHex(sw)}`);
}

/** Empty VERIFY on the current key EF: reads the retry counter without spending a try. */
export async function queryRetries(channel: ApduChannel, what: string): Promise<RetryCounter> {
  const { sw } = await channel.send({ cla: 0x00, ins: 0x20, p1: 0x00, p2: 0x80 });
  return interpretRetries(sw, what);
}

export type VerifyResult = { ok: true } | { ok: false; triesLeft: number };

/** One VERIFY of a secret on the current key EF. Sent once; the channel never re-sends it. */
export async function verifySecret(
  channel: ApduChannel,
  secret: Uint8Array,
  what: string,
): Promise<VerifyResult> {
  const { sw } = await channel.send({ cla: 0x00, ins: 0x20, p1: 0x00, p2: 0x80, data: secret, secret: true });
  if (sw === SW.OK) return { ok: true };
  const counter = interpretRetries(sw, what);
  if (counter.state === 'available') return { ok: false, triesLeft: counter.triesLeft };
  if (counter.state === 'locked') return { ok: false, triesLeft: 0 };
  throw new KioskError('card.unexpected-status', `${what} VERIFY: SW ${swHex(sw)}`);
}

/** READ BINARY of the current EF at a 15-bit offset. */
export async function readBinary(channel: ApduChannel, offset: number, le: number): Promise<ResponseApdu> {
  if (offset < 0 || offset > 0x7fff) throw new KioskError('card.malformed-response', `offset ${offset}`);
  return channel.send({ cla: 0x00, ins: 0xb0, p1: offset >> 8, p2: offset & 0xff, le });
}

const SHORT_CHUNK = 256;

/** Reads exactly `length` bytes from the start of the current EF (fixed-size files such as the token). */
export async function readFixed(channel: ApduChannel, length: number, what: string): Promise<Uint8Array> {
  const out = new Uint8Array(length);
  let at = 0;
  while (at < length) {
    const want = Math.min(SHORT_CHUNK, length - at);
    const { data, sw } = await readBinary(channel, at, want);
    if (sw !== SW.OK || data.length !== want) {
      throw new KioskError(
        'card.malformed-response',
        `${what}: READ BINARY gave ${data.length} bytes, SW ${swHex(sw)}`,
      );
    }
    out.set(data, at);
    at += data.length;
  }
  return out;
}

/**
 * Reads one BER-TLV object from the start of the current EF: the size comes from the object's
 * header, reads are chunked at 256 bytes (or one extended read once enabled), and a file larger
 * than `maxBytes` or ending early is a `card.malformed-response`. Filler after the object is not read.
 */
export async function readTlvFile(channel: ApduChannel, maxBytes: number, what: string): Promise<Uint8Array> {
  const first = await readBinary(channel, 0, SHORT_CHUNK);
  if (first.sw === SW.SECURITY_NOT_SATISFIED) {
    throw new KioskError('card.not-verified', `${what}: READ BINARY SW 6982`);
  }
  if ((first.sw !== SW.OK && first.sw !== SW.END_OF_FILE_WARNING) || first.data.length > SHORT_CHUNK) {
    throw new KioskError('card.malformed-response', `${what}: first READ BINARY SW ${swHex(first.sw)}`);
  }
  const header = parseTlvHeader(first.data.subarray(0, MAX_TLV_HEADER));
  const total = header.headerLength + header.valueLength;
  if (total > maxBytes || total > 0x7fff + SHORT_CHUNK) {
    throw new KioskError('card.malformed-response', `${what}: object of ${total} bytes exceeds ${maxBytes}`);
  }
  if (total <= first.data.length) return first.data.slice(0, total);
  if (first.sw === SW.END_OF_FILE_WARNING || first.data.length < SHORT_CHUNK) {
    throw new KioskError(
      'card.malformed-response',
      `${what}: object of ${total} bytes, file ends at ${first.data.length}`,
    );
  }
  // Allocated only now, and only up to maxBytes: the header's claim was bounded above.
  const out = new Uint8Array(total);
  out.set(first.data, 0);
  const at = first.data.length;
  try {
    await readRest(channel, out, at, what);
  } catch (error) {
    out.fill(0); // a read cut short (card pulled) keeps nothing of what it had
    throw error;
  }
  return out;
}

async function readRest(channel: ApduChannel, out: Uint8Array, from: number, what: string): Promise<void> {
  const total = out.length;
  let at = from;
  while (at < total) {
    const want = channel.extendedLength ? Math.min(total - at, 65536) : Math.min(SHORT_CHUNK, total - at);
    const { data, sw } = await readBinary(channel, at, want);
    // A chunk shorter than asked means the file ends before the object does: a card lying about lengths.
    if (sw !== SW.OK || data.length !== want) {
      throw new KioskError(
        'card.malformed-response',
        `${what}: READ BINARY at ${at} gave ${data.length} bytes, SW ${swHex(sw)}`,
      );
    }
    out.set(data, at);
    at += data.length;
  }
}

/** GET DATA of an object under the current DF; null when the card has no such object. */
export async function getData(channel: ApduChannel, tag: number, le: number): Promise<Uint8Array | null> {
  const { data, sw } = await channel.send({ cla: 0x00, ins: 0xca, p1: tag >> 8, p2: tag & 0xff, le });
  if (sw === SW.OK) return data;
  if (sw === SW.DATA_NOT_FOUND || sw === SW.FILE_NOT_FOUND || sw === SW.WRONG_P1P2) return null;
  throw new KioskError('card.unexpected-status', `GET DATA ${tag.toString(16)}: SW ${swHex(sw)}`);
}

/** The proprietary COMPUTE DIGITAL SIGNATURE (80 2A): the card pads `digestInfo` (PKCS#1 v1.5) and signs. */
export async function computeSignature(
  channel: ApduChannel,
  p2: number,
  digestInfo: Uint8Array,
  what: string,
): Promise<Uint8Array> {
  const { data, sw } = await channel.send({ cla: 0x80, ins: 0x2a, p1: 0x00, p2, data: digestInfo, le: 256 });
  if (sw === SW.SECURITY_NOT_SATISFIED) throw new KioskError('card.not-verified', `${what}: SW 6982`);
  if (sw !== SW.OK) throw new KioskError('card.unexpected-status', `${what}: SW ${swHex(sw)}`);
  return data;
}
