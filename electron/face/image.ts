// Raw pixel images and the few operations the face check needs (resize, grey, pad, flip, crop).
// Plain arrays only: no canvas exists on the main side.

export type Channels = 1 | 3 | 4;

export interface RawImage {
  width: number;
  height: number;
  /** 1 = grey, 3 = RGB, 4 = RGBA; row-major, interleaved. */
  channels: Channels;
  data: Uint8Array;
}

export function createImage(width: number, height: number, channels: Channels, fill = 0): RawImage {
  const data = new Uint8Array(width * height * channels);
  if (fill !== 0) data.fill(fill);
  return { width, height, channels, data };
}

/** ITU-R BT.601 luma, the same weights a greyscale card photo is made with. */
export function toGrey(image: RawImage): RawImage {
  if (image.channels === 1) return image;
  const out = createImage(image.width, image.height, 1);
  const n = image.width * image.height;
  const c = image.channels;
  for (let i = 0; i < n; i++) {
    const r = image.data[i * c] ?? 0;
    const g = image.data[i * c + 1] ?? 0;
    const b = image.data[i * c + 2] ?? 0;
    out.data[i] = Math.round(0.299 * r + 0.587 * g + 0.114 * b);
  }
  return out;
}

/** Three channels, as the networks expect; a grey image is replicated into R, G and B. */
export function toRgb(image: RawImage): RawImage {
  if (image.channels === 3) return image;
  const out = createImage(image.width, image.height, 3);
  const n = image.width * image.height;
  const c = image.channels;
  for (let i = 0; i < n; i++) {
    if (c === 1) {
      const v = image.data[i] ?? 0;
      out.data[i * 3] = v;
      out.data[i * 3 + 1] = v;
      out.data[i * 3 + 2] = v;
    } else {
      out.data[i * 3] = image.data[i * c] ?? 0;
      out.data[i * 3 + 1] = image.data[i * c + 1] ?? 0;
      out.data[i * 3 + 2] = image.data[i * c + 2] ?? 0;
    }
  }
  return out;
}

/** Bilinear resize (area-averaging is not needed for the modest factors used here). */
export function resize(image: RawImage, width: number, height: number): RawImage {
  const w = Math.max(1, Math.round(width));
  const h = Math.max(1, Math.round(height));
  const out = createImage(w, h, image.channels);
  const c = image.channels;
  const sx = image.width / w;
  const sy = image.height / h;
  for (let y = 0; y < h; y++) {
    const fy = Math.min(Math.max((y + 0.5) * sy - 0.5, 0), image.height - 1);
    const y0 = Math.floor(fy);
    const y1 = Math.min(y0 + 1, image.height - 1);
    const wy = fy - y0;
    for (let x = 0; x < w; x++) {
      const fx = Math.min(Math.max((x + 0.5) * sx - 0.5, 0), image.width - 1);
      const x0 = Math.floor(fx);
      const x1 = Math.min(x0 + 1, image.width - 1);
      const wx = fx - x0;
      for (let k = 0; k < c; k++) {
        const a = image.data[(y0 * image.width + x0) * c + k] ?? 0;
        const b = image.data[(y0 * image.width + x1) * c + k] ?? 0;
        const d = image.data[(y1 * image.width + x0) * c + k] ?? 0;
        const e = image.data[(y1 * image.width + x1) * c + k] ?? 0;
        const top = a + (b - a) * wx;
        const bottom = d + (e - d) * wx;
        out.data[(y * w + x) * c + k] = Math.round(top + (bottom - top) * wy);
      }
    }
  }
  return out;
}

/** Scales so that the longer side is at most `maxSide` (never enlarges). */
export function fitWithin(image: RawImage, maxSide: number): RawImage {
  const scale = maxSide / Math.max(image.width, image.height);
  if (scale >= 1) return image;
  return resize(image, image.width * scale, image.height * scale);
}

/**
 * Adds a border of `fraction` of each side, filled with the image's mean value: the detectors
 * miss tightly framed portraits such as the card photo unless they see some background.
 */
export function pad(image: RawImage, fraction: number): RawImage {
  const px = Math.round(image.width * fraction);
  const py = Math.round(image.height * fraction);
  const c = image.channels;
  const mean = new Array<number>(c).fill(0);
  const n = image.width * image.height;
  for (let i = 0; i < n; i++) for (let k = 0; k < c; k++) mean[k]! += image.data[i * c + k] ?? 0;
  const out = createImage(image.width + 2 * px, image.height + 2 * py, c);
  for (let i = 0; i < out.width * out.height; i++)
    for (let k = 0; k < c; k++) out.data[i * c + k] = Math.round((mean[k] ?? 0) / Math.max(n, 1));
  for (let y = 0; y < image.height; y++) {
    const from = y * image.width * c;
    out.data.set(image.data.subarray(from, from + image.width * c), ((y + py) * out.width + px) * c);
  }
  return out;
}

export function flipHorizontal(image: RawImage): RawImage {
  const out = createImage(image.width, image.height, image.channels);
  const c = image.channels;
  for (let y = 0; y < image.height; y++)
    for (let x = 0; x < image.width; x++)
      for (let k = 0; k < c; k++)
        out.data[(y * image.width + x) * c + k] =
          image.data[(y * image.width + (image.width - 1 - x)) * c + k] ?? 0;
  return out;
}

/** Crops a rectangle (clamped to the image). */
export function crop(image: RawImage, x: number, y: number, width: number, height: number): RawImage {
  const x0 = Math.max(0, Math.floor(x));
  const y0 = Math.max(0, Math.floor(y));
  const x1 = Math.min(image.width, Math.ceil(x + width));
  const y1 = Math.min(image.height, Math.ceil(y + height));
  const w = Math.max(1, x1 - x0);
  const h = Math.max(1, y1 - y0);
  const out = createImage(w, h, image.channels);
  const c = image.channels;
  for (let row = 0; row < h; row++) {
    const from = ((y0 + row) * image.width + x0) * c;
    out.data.set(image.data.subarray(from, from + w * c), row * w * c);
  }
  return out;
}
