// Fuzz: over 100,000 random and mutated card answers fed to every parser and to the chunked file
// reader. Each must return or fail with a KioskError — no other exception, no hang (the loop
// finishes), no allocation beyond the input or the configured bound.
import { describe, expect, it } from 'vitest';
import { isKioskError } from '../errors/kiosk-error';
import { parseResponse } from './apdu';
import { ApduChannel } from './apdu-channel';
import { parseAuthCertificate } from './auth-certificate';
import { isJpeg2000, parseCardDate, parseCardFaceRecord } from './card-face-record';
import { readTlvFile } from './commands';
import { parseCvc } from './cvc';
import { parseTokenLabel } from './jpki';
import { readTlv, readTlvList } from './tlv';
import type { CardConnection } from './transport';
import { AID, buildCardImage, defaultSimWorldPaths, type DataFile } from '../../sim/card/card-image';
import { loadSimPerson } from '../../sim/card/sim-world';

/** xorshift32: the same inputs on every run, so a failure can be replayed. */
function rng(seed: number) {
  let s = seed >>> 0 || 1;
  const next = (): number => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 0x100000000;
  };
  return { next, int: (n: number): number => Math.floor(next() * n) };
}

const image = buildCardImage(loadSimPerson('yamada-taro'), defaultSimWorldPaths());
const file = (aid: string, fid: number): Uint8Array => {
  const f = image.applications.get(aid)!.files.get(fid) as DataFile;
  return f.bytes;
};
const cardFace = file(AID.CARD_SURFACE, 0x0002);
const cvc = file(AID.CARD_SURFACE, 0x0004);
const cert = file(AID.JPKI, 0x000a);
const token = file(AID.JPKI, 0x0006).subarray(0, 32);

function mutate(seed: Uint8Array, r: ReturnType<typeof rng>): Uint8Array {
  const out = seed.slice(0, r.next() < 0.2 ? r.int(seed.length + 1) : seed.length);
  const edits = 1 + r.int(8);
  for (let i = 0; i < edits && out.length > 0; i += 1) {
    const at = r.int(Math.min(out.length, r.next() < 0.7 ? 16 : out.length));
    // Favour the bytes that are lengths and tags; sometimes plant a huge long-form length.
    if (r.next() < 0.3 && at + 3 <= out.length) out.set([0x82, 0xff, 0xff].slice(0, out.length - at), at);
    else out[at] = r.int(256);
  }
  return out;
}

const randomBytes = (r: ReturnType<typeof rng>, max: number): Uint8Array =>
  Uint8Array.from({ length: r.int(max) }, () => r.int(256));

function expectTypedFailure(run: () => unknown): void {
  try {
    run();
  } catch (error) {
    if (!isKioskError(error)) throw error;
  }
}

describe('parsers under fuzz', () => {
  it('survive 100,000 random and mutated inputs', () => {
    const r = rng(0xc0ffee);
    const heapBefore = process.memoryUsage().heapUsed;
    let iterations = 0;
    for (let i = 0; i < 25_000; i += 1) {
      const face = r.next() < 0.8 ? mutate(cardFace, r) : randomBytes(r, 600);
      expectTypedFailure(() => {
        const record = parseCardFaceRecord(face);
        if (record.photo.length > face.length) throw new Error('photo larger than its record');
      });
      iterations += 1;
    }
    for (let i = 0; i < 25_000; i += 1) {
      const bytes = r.next() < 0.7 ? mutate(cvc, r) : randomBytes(r, 700);
      expectTypedFailure(() => parseCvc(bytes));
      expectTypedFailure(() => readTlvList(bytes, { stopAtFiller: r.next() < 0.5 }));
      iterations += 1;
    }
    for (let i = 0; i < 48_000; i += 1) {
      const bytes = randomBytes(r, 40);
      expectTypedFailure(() => parseResponse(bytes));
      expectTypedFailure(() => readTlv(bytes));
      expectTypedFailure(() => parseCardDate(bytes.subarray(0, 8), 'date'));
      const kind = parseTokenLabel(r.next() < 0.5 ? mutate(token, r) : bytes);
      if (kind !== null && !['card', 'android', 'iphone'].includes(kind)) throw new Error(`token ${kind}`);
      isJpeg2000(r.next() < 0.5 ? mutate(cardFace.subarray(400, 900), r) : bytes);
      iterations += 1;
    }
    for (let i = 0; i < 2_000; i += 1) {
      const der = r.next() < 0.8 ? mutate(cert.subarray(0, 1400), r) : randomBytes(r, 300);
      expectTypedFailure(() => parseAuthCertificate(der));
      iterations += 1;
    }
    expect(iterations).toBeGreaterThanOrEqual(100_000);
    // Nothing sized from a claimed length: the heap stays in the range of the inputs themselves.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(256 * 1024 * 1024);
  });

  it('the chunked file reader never reads more than its bound from a card answering at random', async () => {
    const r = rng(0xbadcafe);
    let apdus = 0;
    const connection: CardConnection = {
      reader: 'fuzz',
      atr: new Uint8Array(0),
      protocol: 'T=1',
      transmit: async () => {
        apdus += 1;
        const roll = r.next();
        if (roll < 0.15) return Uint8Array.of(0x61, r.int(256));
        if (roll < 0.25) return Uint8Array.of(0x6c, r.int(256));
        if (roll < 0.3) return randomBytes(r, 2);
        const head = r.next() < 0.5 ? [0xff, 0x20, 0x82, r.int(256), r.int(256)] : [];
        const body = randomBytes(r, 262);
        const sw = r.next() < 0.7 ? [0x90, 0x00] : [r.int(256), r.int(256)];
        return Uint8Array.from([...head, ...body, ...sw]);
      },
      disconnect: async () => {},
    };
    const maxBytes = 24 * 1024;
    for (let i = 0; i < 3_000; i += 1) {
      const channel = new ApduChannel(connection, { apduTimeoutMs: 1000 });
      try {
        const bytes = await readTlvFile(channel, maxBytes, 'fuzz');
        expect(bytes.length).toBeLessThanOrEqual(maxBytes);
      } catch (error) {
        if (!isKioskError(error)) throw error;
      }
      // Bounded work per file: chunks for 24 KB plus the GET RESPONSE cap.
      expect(channel.stats.apdus).toBeLessThanOrEqual(Math.ceil(maxBytes / 256) * 66);
    }
    expect(apdus).toBeGreaterThan(3_000);
  });
});
