// The virtual My Number card: answers command APDUs as the real card does (card.md §1.7) from a
// CardImage — SELECT by AID / FID (P2=0C), READ BINARY (offset or SFI, short or extended Le),
// VERIFY with retry counters (empty VERIFY = query), GET DATA at the MF level, and the
// proprietary signing command. Every command it receives is kept in `apduLog`, so tests can prove
// what the driver did and did not send.
import { constants, privateEncrypt } from 'node:crypto';
import {
  buildCardImage,
  AID,
  type Application,
  type CardBuildOptions,
  type CardImage,
  type SimWorldPaths,
} from './card-image';
import type { Person } from './person';

export interface LoggedApdu {
  readonly command: Uint8Array;
  readonly sw: number;
}

/** What a reader (in-process or vpcd) needs from a card. */
export interface VirtualCard {
  readonly atr: Uint8Array;
  /** Power-on / warm reset: back to the MF, every verified secret dropped. */
  reset(): void;
  transmit(command: Uint8Array): Uint8Array | Promise<Uint8Array>;
}

interface ParsedCommand {
  cla: number;
  ins: number;
  p1: number;
  p2: number;
  data: Uint8Array;
  le: number | null;
}

/** ISO 7816-3 cases 1-4, short and extended. Null when the bytes are not an APDU. */
function parseCommand(c: Uint8Array): ParsedCommand | null {
  if (c.length < 4) return null;
  const [cla, ins, p1, p2] = c as unknown as [number, number, number, number];
  const base = { cla, ins, p1, p2 };
  if (c.length === 4) return { ...base, data: new Uint8Array(0), le: null };
  if (c.length === 5) return { ...base, data: new Uint8Array(0), le: c[4] || 256 };
  if (c[4] !== 0) {
    const lc = c[4]!;
    if (c.length === 5 + lc) return { ...base, data: c.subarray(5, 5 + lc), le: null };
    if (c.length === 6 + lc) return { ...base, data: c.subarray(5, 5 + lc), le: c[5 + lc] || 256 };
    return null;
  }
  if (c.length === 7) return { ...base, data: new Uint8Array(0), le: (c[5]! << 8) | c[6]! || 65536 };
  const lc = (c[5]! << 8) | c[6]!;
  if (lc === 0) return null;
  if (c.length === 7 + lc) return { ...base, data: c.subarray(7, 7 + lc), le: null };
  if (c.length === 9 + lc)
    return { ...base, data: c.subarray(7, 7 + lc), le: (c[7 + lc]! << 8) | c[8 + lc]! || 65536 };
  return null;
}

const sw = (value: number, data: Uint8Array = new Uint8Array(0)): Uint8Array => {
  const out = new Uint8Array(data.length + 2);
  out.set(data, 0);
  out[data.length] = value >> 8;
  out[data.length + 1] = value & 0xff;
  return out;
};

const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex').toUpperCase();

export class VirtualMyNumberCard implements VirtualCard {
  readonly apduLog: LoggedApdu[] = [];
  private currentApp: Application | null = null;
  private currentEf: number | null = null;
  private readonly verified = new Set<string>();
  /** Deterministic noise for the garbage card. */
  private noise = 0x2545f491;

  constructor(private readonly image: CardImage) {}

  static fromPerson(person: Person, paths: SimWorldPaths, options?: CardBuildOptions): VirtualMyNumberCard {
    return new VirtualMyNumberCard(buildCardImage(person, paths, options));
  }

  get atr(): Uint8Array {
    return this.image.atr;
  }

  /** Tries left on a key EF, for tests (e.g. that a refused VERIFY spent nothing). */
  triesLeft(aid: string, fid: number): number | null {
    const file = this.image.applications.get(aid)?.files.get(fid);
    return file?.kind === 'secret' ? file.triesLeft : null;
  }

  reset(): void {
    this.currentApp = null;
    this.currentEf = null;
    this.verified.clear();
  }

  transmit(command: Uint8Array): Uint8Array {
    const response = this.answer(command);
    this.apduLog.push({
      command: command.slice(),
      sw: response.length >= 2 ? (response[response.length - 2]! << 8) | response[response.length - 1]! : -1,
    });
    return response;
  }

  private answer(raw: Uint8Array): Uint8Array {
    if (this.image.mode === 'garbage') return this.garbage();
    const c = parseCommand(raw);
    if (!c) return sw(0x6700);
    if (c.cla !== 0x00 && c.cla !== 0x80) return sw(0x6e00);
    if (this.image.mode === 'foreign') return c.ins === 0xa4 ? sw(0x6a82) : sw(0x6d00);
    if (c.cla === 0x80 && c.ins === 0xfc) {
      // The iPhone profile's last-command indicator; physical cards reject it with 6700.
      return this.image.lastCommandIndicator && c.p1 === 0 && c.p2 === 0 ? sw(0x9000) : sw(0x6700);
    }
    if (c.cla === 0x80) return c.ins === 0x2a ? this.sign(c) : sw(0x6d00);
    switch (c.ins) {
      case 0xa4:
        return this.select(c);
      case 0xb0:
        return this.readBinary(c);
      case 0x20:
        return this.verify(c);
      case 0xca:
        return this.getData(c);
      case 0x84:
        return sw(0x9000, crypto.getRandomValues(new Uint8Array(Math.min(c.le ?? 8, 256))));
      case 0x88:
        return sw(0x6985);
      default:
        return sw(0x6d00);
    }
  }

  private select(c: ParsedCommand): Uint8Array {
    if (c.p1 === 0x04) {
      const aid = hex(c.data);
      if (aid === AID.ISSUER_SECURITY_DOMAIN && this.image.hasIssuerSecurityDomain) {
        this.currentApp = null;
        this.currentEf = null;
        return sw(0x9000);
      }
      const app = this.image.applications.get(aid);
      if (!app) return sw(0x6a82);
      this.currentApp = app;
      this.currentEf = null;
      return sw(0x9000);
    }
    if (c.p1 === 0x02) {
      if (!this.currentApp || c.data.length !== 2) return sw(0x6a82);
      const fid = (c.data[0]! << 8) | c.data[1]!;
      if (!this.currentApp.files.has(fid)) return sw(0x6a82);
      this.currentEf = fid;
      return sw(0x9000);
    }
    // ISO SELECT MF: 6A86 after reset, 9000 without changing anything once an AP is current.
    if (c.p1 === 0x00) return this.currentApp ? sw(0x9000) : sw(0x6a86);
    return sw(0x6a86);
  }

  private readBinary(c: ParsedCommand): Uint8Array {
    if (!this.currentApp) return sw(0x6986);
    let fid = this.currentEf;
    let offset = ((c.p1 & 0x7f) << 8) | c.p2;
    if (c.p1 & 0x80) {
      fid = c.p1 & 0x1f;
      offset = c.p2;
      if (!this.currentApp.files.has(fid)) return sw(0x6a82);
      this.currentEf = fid;
    }
    if (fid === null) return sw(0x6986);
    const file = this.currentApp.files.get(fid)!;
    if (file.kind !== 'data') return sw(0x6981);
    if (!this.mayRead(file.read)) return sw(0x6982);
    if (offset >= file.bytes.length) return sw(0x6b00);
    const le = c.le ?? 256;
    const chunk = file.bytes.subarray(offset, offset + le);
    return sw(chunk.length < le ? 0x6282 : 0x9000, chunk);
  }

  private mayRead(access: CardFileAccess): boolean {
    if (access === 'free') return true;
    if (access === 'never') return false;
    return access.anyOf.some((key) => this.verified.has(`${this.currentApp!.aid}/${key}`));
  }

  private verify(c: ParsedCommand): Uint8Array {
    if (!this.currentApp || c.p1 !== 0x00) return sw(0x6a86);
    const fid = c.p2 === 0x80 ? this.currentEf : c.p2 & 0x80 ? c.p2 & 0x1f : null;
    if (fid === null) return sw(0x6a86);
    const file = this.currentApp.files.get(fid);
    if (!file || file.kind !== 'secret') return sw(0x6a88);
    const key = `${this.currentApp.aid}/${fid}`;
    if (file.value === null) return sw(0x6a88);
    if (c.data.length === 0) {
      if (this.verified.has(key)) return sw(0x9000);
      return sw(0x63c0 | file.triesLeft);
    }
    if (file.triesLeft === 0) return sw(0x6984);
    if (c.data.length === file.value.length && c.data.every((b, i) => b === file.value![i])) {
      file.triesLeft = file.maxTries;
      this.verified.add(key);
      return sw(0x9000);
    }
    file.triesLeft -= 1;
    this.verified.delete(key);
    return sw(0x63c0 | file.triesLeft);
  }

  private getData(c: ParsedCommand): Uint8Array {
    if (this.currentApp) return sw(0x6a88);
    const value = this.image.mfData.get((c.p1 << 8) | c.p2);
    return value ? sw(0x9000, value) : sw(0x6a88);
  }

  private sign(c: ParsedCommand): Uint8Array {
    if (!this.currentApp) return sw(0x6982);
    if (c.p1 !== 0x00) return sw(0x6a86);
    let key;
    if (c.p2 === 0x00 && this.currentApp.apKey) {
      key = this.currentApp.apKey; // the card-surface AP's own key: no credential
    } else {
      const fid = c.p2 === 0x80 ? this.currentEf : c.p2 & 0x80 ? c.p2 & 0x1f : null;
      const file = fid === null ? undefined : this.currentApp.files.get(fid);
      if (!file || file.kind !== 'key') return sw(0x6982);
      if (!file.needs.every((need) => this.verified.has(`${this.currentApp!.aid}/${need}`)))
        return sw(0x6982);
      key = file.key;
    }
    if (c.data.length === 0 || c.data.length > 245) return sw(0x6700);
    return sw(0x9000, new Uint8Array(privateEncrypt({ key, padding: constants.RSA_PKCS1_PADDING }, c.data)));
  }

  /** A card that answers nonsense: random data, lengths and status words, endless 61xx. */
  private garbage(): Uint8Array {
    const next = (): number => {
      this.noise ^= this.noise << 13;
      this.noise ^= this.noise >>> 17;
      this.noise ^= this.noise << 5;
      return this.noise >>> 0;
    };
    const kind = next() % 5;
    if (kind === 0) return Uint8Array.of(next() & 0xff);
    if (kind === 1) return sw(0x6100 | (next() & 0xff));
    if (kind === 2) return sw(0x6c00 | (next() & 0xff));
    const data = Uint8Array.from({ length: next() % 300 }, () => next() & 0xff);
    return sw(kind === 3 ? 0x9000 : next() & 0xffff, data);
  }
}

type CardFileAccess = 'free' | 'never' | { anyOf: number[] };

export { AID };
