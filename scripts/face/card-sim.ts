// Simulates the card's DF27 photo from an ordinary portrait: a 300×400 crop around the face,
// 1-channel grey (a 3-channel grey image would come out 3× larger), JPEG 2000 at ~4 KB.
import { loadOpenJpeg } from '../../electron/face/card-photo';
import type { FaceEngine } from '../../electron/face/face-engine';
import { crop, pad, resize, toGrey, type RawImage } from '../../electron/face/image';

/** Encodes a 1-channel image as a J2K codestream at the given compression ratio. */
export async function encodeJpeg2000Grey(image: RawImage, ratio: number): Promise<Uint8Array> {
  const grey = toGrey(image);
  const { J2KEncoder } = await loadOpenJpeg();
  const encoder = new J2KEncoder();
  try {
    encoder
      .getDecodedBuffer({
        width: grey.width,
        height: grey.height,
        bitsPerSample: 8,
        componentCount: 1,
        isSigned: false,
      })
      .set(grey.data);
    encoder.setQuality(false, 1);
    encoder.setCompressionRatio(0, ratio);
    encoder.encode();
    return new Uint8Array(encoder.getEncodedBuffer());
  } finally {
    encoder.delete();
  }
}

export const CARD_WIDTH = 300;
export const CARD_HEIGHT = 400;
/** 300×400×1 = 120,000 bytes; ratio 30 gives ≈4 KB. */
export const CARD_RATIO = 30;

/**
 * A passport-style 3:4 crop: the face box (from the detector on the original) widened so the face
 * fills ~55 % of the width, like an ID photo. Falls back to a centred crop when no face is found.
 */
export async function simulateCardPhoto(
  engine: FaceEngine,
  original: RawImage,
): Promise<{ j2k: Uint8Array; usedDetector: boolean }> {
  const analysis = await engine.analyseFrame(original, { describe: false });
  const face = analysis.faces[0];
  let portrait: RawImage;
  if (face) {
    const width = face.box.width / 0.55;
    const height = (width * CARD_HEIGHT) / CARD_WIDTH;
    const cx = face.box.x + face.box.width / 2;
    const cy = face.box.y + face.box.height * 0.45;
    // Pad first so a crop near the border keeps its aspect ratio.
    const border = 0.5;
    const padded = pad(original, border);
    const ox = Math.round(original.width * border);
    const oy = Math.round(original.height * border);
    portrait = crop(padded, ox + cx - width / 2, oy + cy - height / 2, width, height);
  } else {
    const width = Math.min(original.width, (original.height * 3) / 4);
    const height = (width * 4) / 3;
    portrait = crop(original, (original.width - width) / 2, (original.height - height) / 2, width, height);
  }
  const card = resize(toGrey(portrait), CARD_WIDTH, CARD_HEIGHT);
  return { j2k: await encodeJpeg2000Grey(card, CARD_RATIO), usedDetector: Boolean(face) };
}
