// ISO 7816-4 command and response APDUs. Short APDUs by default; extended only when the caller
// asks (after the reader passed the extended-length self-test).
import { KioskError } from '../errors/kiosk-error';

export interface CommandApdu {
  readonly cla: number;
  readonly ins: number;
  readonly p1: number;
  readonly p2: number;
  readonly data?: Uint8Array;
  /** Expected response length; 256 (short) or 65536 (extended) means "as much as there is". */
  readonly le?: number;
  /** The data is a secret (PIN, 照合番号B): never re-sent, never logged. */
  readonly secret?: boolean;
}

export interface ResponseApdu {
  readonly data: Uint8Array;
  readonly sw: number;
}

export const SW = {
  OK: 0x9000,
  END_OF_FILE_WARNING: 0x6282,
  WRONG_LENGTH: 0x6700,
  INCOMPATIBLE_FILE: 0x6981,
  SECURITY_NOT_SATISFIED: 0x6982,
  AUTH_BLOCKED: 0x6983,
  REFERENCE_DATA_NOT_USABLE: 0x6984,
  CONDITIONS_NOT_SATISFIED: 0x6985,
  FILE_NOT_FOUND: 0x6a82,
  WRONG_P1P2: 0x6a86,
  DATA_NOT_FOUND: 0x6a88,
  OFFSET_OUTSIDE_FILE: 0x6b00,
  INS_NOT_SUPPORTED: 0x6d00,
} as const;

export const swHex = (sw: number): string => sw.toString(16).toUpperCase().padStart(4, '0');

/** Encodes a command. Short form unless `extended` is set or the data needs it. */
export function encodeCommand(command: CommandApdu, extended = false): Uint8Array {
  const data = command.data ?? new Uint8Array(0);
  const le = command.le;
  const longData = data.length > 255;
  const longLe = le !== undefined && le > 256;
  if ((longData || longLe) && !extended) {
    throw new RangeError('command needs extended length, which is not enabled');
  }
  if (data.length > 65535 || (le !== undefined && (le < 0 || le > 65536))) {
    throw new RangeError('APDU field out of range');
  }
  const header = [command.cla, command.ins, command.p1, command.p2];
  const bytes: number[] = [...header];
  if (extended && (longData || longLe)) {
    bytes.push(0x00);
    if (data.length > 0) bytes.push(data.length >> 8, data.length & 0xff, ...data);
    if (le !== undefined) bytes.push((le >> 8) & 0xff, le & 0xff); // 65536 encodes as 00 00
  } else {
    if (data.length > 0) bytes.push(data.length, ...data);
    if (le !== undefined) bytes.push(le & 0xff); // 256 encodes as 00
  }
  return Uint8Array.from(bytes);
}

/** Splits a raw response into data and status word. A response shorter than 2 bytes is a lie. */
export function parseResponse(raw: Uint8Array): ResponseApdu {
  if (raw.length < 2) {
    throw new KioskError('card.malformed-response', `response of ${raw.length} bytes has no status word`);
  }
  const sw = (raw[raw.length - 2]! << 8) | raw[raw.length - 1]!;
  return { data: raw.subarray(0, raw.length - 2), sw };
}
