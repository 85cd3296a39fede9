// The card's face photo (DF27): JPEG 2000, greyscale, a few KB. Decoded with OpenJPEG compiled to
// WASM. The size is checked from the header BEFORE decoding, so a hostile or broken card cannot
// make the decoder allocate gigabytes.
import { createRequire } from 'node:module';
import path from 'node:path';
import { KioskError } from '../errors/kiosk-error';
import { toGrey, type RawImage } from './image';

export interface CardPhotoLimits {
  maxBytes: number;
  maxSide: number;
}

export const DEFAULT_CARD_PHOTO_LIMITS: CardPhotoLimits = { maxBytes: 64 * 1024, maxSide: 1200 };

const JP2_SIGNATURE = [0x00, 0x00, 0x00, 0x0c, 0x6a, 0x50, 0x20, 0x20, 0x0d, 0x0a];

interface J2KDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): { width: number; height: number; componentCount: number; bitsPerSample: number };
  getDecodedBuffer(): Uint8Array;
  delete(): void;
}
/** The OpenJPEG WASM module; the encoder is used only by the card-photo simulation (scripts/face). */
export interface OpenJpegModule {
  J2KDecoder: new () => J2KDecoder;
  J2KEncoder: new () => J2KEncoder;
}

export interface J2KEncoder {
  getDecodedBuffer(info: {
    width: number;
    height: number;
    bitsPerSample: number;
    componentCount: number;
    isSigned: boolean;
  }): Uint8Array;
  setQuality(lossless: boolean, layers: number): void;
  setCompressionRatio(layer: number, ratio: number): void;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
  delete(): void;
}

let codec: Promise<OpenJpegModule> | undefined;

export function loadOpenJpeg(): Promise<OpenJpegModule> {
  codec ??= (async () => {
    const require = createRequire(import.meta.url);
    const entry = require.resolve('@cornerstonejs/codec-openjpeg/wasmjs');
    const factory = require(entry) as (options: object) => Promise<OpenJpegModule>;
    // The codec prints "[INFO] …" on every decode unless print/printErr are replaced.
    return factory({
      locateFile: (f: string) => path.join(path.dirname(entry), f),
      print: () => {},
      printErr: () => {},
    });
  })();
  return codec;
}

/** Width and height from the codestream's SIZ marker, found after SOC (FF4F) in either container. */
export function readJpeg2000Size(bytes: Uint8Array): { width: number; height: number } | null {
  const limit = Math.min(bytes.length - 20, 4096);
  for (let i = 0; i < limit; i++) {
    if (bytes[i] === 0xff && bytes[i + 1] === 0x4f && bytes[i + 2] === 0xff && bytes[i + 3] === 0x51) {
      const view = new DataView(bytes.buffer, bytes.byteOffset + i + 4);
      const xsiz = view.getUint32(4);
      const ysiz = view.getUint32(8);
      const xo = view.getUint32(12);
      const yo = view.getUint32(16);
      if (xsiz <= xo || ysiz <= yo) return null;
      return { width: xsiz - xo, height: ysiz - yo };
    }
  }
  return null;
}

function looksLikeJpeg2000(bytes: Uint8Array): boolean {
  const jp2 = JP2_SIGNATURE.every((b, i) => bytes[i] === b);
  const codestream = bytes[0] === 0xff && bytes[1] === 0x4f && bytes[2] === 0xff && bytes[3] === 0x51;
  return jp2 || codestream;
}

/** Decodes the card photo to a 1-channel image, or throws a `face.card-photo-*` KioskError. */
export async function decodeCardPhoto(
  bytes: Uint8Array,
  limits: CardPhotoLimits = DEFAULT_CARD_PHOTO_LIMITS,
): Promise<RawImage> {
  if (bytes.length > limits.maxBytes)
    throw new KioskError('face.card-photo-too-large', `bytes=${bytes.length}`);
  if (bytes.length < 32 || !looksLikeJpeg2000(bytes))
    throw new KioskError('face.card-photo-corrupt', `not JPEG 2000, bytes=${bytes.length}`);
  const size = readJpeg2000Size(bytes);
  if (!size) throw new KioskError('face.card-photo-corrupt', 'no SIZ marker');
  if (size.width > limits.maxSide || size.height > limits.maxSide)
    throw new KioskError('face.card-photo-too-large', `${size.width}x${size.height}`);
  if (size.width < 32 || size.height < 32)
    throw new KioskError('face.card-photo-corrupt', `${size.width}x${size.height} too small`);

  const openjpeg = await loadOpenJpeg();
  const decoder = new openjpeg.J2KDecoder();
  try {
    decoder.getEncodedBuffer(bytes.length).set(bytes);
    decoder.decode();
    const info = decoder.getFrameInfo();
    if (info.bitsPerSample !== 8 || (info.componentCount !== 1 && info.componentCount !== 3))
      throw new KioskError(
        'face.card-photo-corrupt',
        `bits=${info.bitsPerSample} comps=${info.componentCount}`,
      );
    if (info.width !== size.width || info.height !== size.height)
      throw new KioskError('face.card-photo-corrupt', 'header and decoded size differ');
    const data = new Uint8Array(decoder.getDecodedBuffer());
    const expected = info.width * info.height * info.componentCount;
    if (data.length < expected) throw new KioskError('face.card-photo-corrupt', 'short decode');
    const image: RawImage = {
      width: info.width,
      height: info.height,
      channels: info.componentCount as 1 | 3,
      data: data.subarray(0, expected),
    };
    return toGrey(image);
  } catch (error) {
    if (error instanceof KioskError) throw error;
    // OpenJPEG throws numbers or strings from WASM; none of it is personal.
    throw new KioskError('face.card-photo-corrupt', 'decoder failed', { cause: error });
  } finally {
    decoder.delete();
  }
}
