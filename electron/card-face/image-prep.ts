// From a camera frame to an upright, flat picture of the card front, and two differently prepared
// versions of it for two independent OCR reads. The card is found by its edges against the darker
// tray (no fixed coordinates for the fields: those are found later by their text).
import sharp from 'sharp';
import { connectedRegions } from './connected-regions';

export interface GrayImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface Point {
  x: number;
  y: number;
}

/** Corners in order: top-left, top-right, bottom-right, bottom-left. */
export type Quad = readonly [Point, Point, Point, Point];

/** The flattened card: ID-1 aspect ratio (85.60 × 53.98 mm). */
export const NORMALISED_WIDTH = 1200;
export const NORMALISED_HEIGHT = Math.round((NORMALISED_WIDTH * 53.98) / 85.6);

const MAX_INPUT_PIXELS = 40_000_000;

/** Decodes PNG/JPEG bytes to greyscale, honouring EXIF orientation, at most 2000 px wide. */
export async function decodeToGray(bytes: Uint8Array): Promise<GrayImage> {
  const { data, info } = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
    .rotate()
    .resize({ width: 2000, withoutEnlargement: true })
    .greyscale()
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 1) throw new Error(`expected one channel, got ${info.channels}`);
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

function otsuThreshold(values: Uint8Array): number {
  const histogram = new Array<number>(256).fill(0);
  for (const value of values) histogram[value]! += 1;
  let sum = 0;
  for (let i = 0; i < 256; i += 1) sum += i * histogram[i]!;
  let backgroundSum = 0;
  let backgroundCount = 0;
  let best = 0;
  let threshold = 128;
  for (let i = 0; i < 256; i += 1) {
    backgroundCount += histogram[i]!;
    if (backgroundCount === 0) continue;
    const foregroundCount = values.length - backgroundCount;
    if (foregroundCount === 0) break;
    backgroundSum += i * histogram[i]!;
    const meanBackground = backgroundSum / backgroundCount;
    const meanForeground = (sum - backgroundSum) / foregroundCount;
    const between = backgroundCount * foregroundCount * (meanBackground - meanForeground) ** 2;
    if (between > best) {
      best = between;
      threshold = i;
    }
  }
  return threshold;
}

function downscale(image: GrayImage, targetWidth: number): { image: GrayImage; factor: number } {
  const factor = Math.max(1, image.width / targetWidth);
  const width = Math.max(1, Math.floor(image.width / factor));
  const height = Math.max(1, Math.floor(image.height / factor));
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      data[y * width + x] = image.data[Math.floor(y * factor) * image.width + Math.floor(x * factor)]!;
    }
  }
  return { image: { width, height, data }, factor };
}

/** The largest 4-connected bright region, as a mask. */
function largestBrightRegion(image: GrayImage, threshold: number): { mask: Uint8Array; area: number } {
  const { width, height, data } = image;
  const { labels, regions } = connectedRegions(data, width, threshold);
  let bestLabel = 0;
  let bestArea = 0;
  for (const region of regions) {
    if (region.area > bestArea) {
      bestArea = region.area;
      bestLabel = region.label;
    }
  }
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i += 1) mask[i] = labels[i] === bestLabel && bestLabel !== 0 ? 1 : 0;
  return { mask, area: bestArea };
}

interface Line {
  /** For a near-vertical edge x = a·y + b; for a near-horizontal one y = a·x + b. */
  a: number;
  b: number;
  vertical: boolean;
}

/** Least squares with two rounds of trimming, so a finger or glare bump does not bend the edge. */
function fitLine(points: Point[], vertical: boolean): Line | undefined {
  let current = points;
  let line: Line | undefined;
  for (let round = 0; round < 3; round += 1) {
    if (current.length < 8) return line;
    const us = current.map((p) => (vertical ? p.y : p.x));
    const vs = current.map((p) => (vertical ? p.x : p.y));
    const n = us.length;
    const meanU = us.reduce((s, v) => s + v, 0) / n;
    const meanV = vs.reduce((s, v) => s + v, 0) / n;
    let sUU = 0;
    let sUV = 0;
    for (let i = 0; i < n; i += 1) {
      sUU += (us[i]! - meanU) ** 2;
      sUV += (us[i]! - meanU) * (vs[i]! - meanV);
    }
    const a = sUU === 0 ? 0 : sUV / sUU;
    line = { a, b: meanV - a * meanU, vertical };
    const residuals = current.map((_, i) => Math.abs(vs[i]! - (a * us[i]! + line!.b)));
    const sorted = [...residuals].sort((x, y) => x - y);
    const cutoff = Math.max(1.5, 2.5 * sorted[Math.floor(sorted.length / 2)]!);
    current = current.filter((_, i) => residuals[i]! <= cutoff);
  }
  return line;
}

function intersect(vertical: Line, horizontal: Line): Point {
  // x = a1·y + b1 and y = a2·x + b2.
  const y = (horizontal.a * vertical.b + horizontal.b) / (1 - horizontal.a * vertical.a);
  return { x: vertical.a * y + vertical.b, y };
}

function distance(p: Point, q: Point): number {
  return Math.hypot(p.x - q.x, p.y - q.y);
}

/**
 * Finds the card's four corners, or undefined when no card-shaped bright region is in the frame.
 * A frame that is nothing but the card (a crop) gives the frame's own corners.
 */
export function locateCard(frame: GrayImage): Quad | undefined {
  const { image, factor } = downscale(frame, 480);
  const threshold = otsuThreshold(image.data);
  const { mask, area } = largestBrightRegion(image, threshold);
  const { width, height } = image;
  const whole: Quad = [
    { x: 0, y: 0 },
    { x: frame.width - 1, y: 0 },
    { x: frame.width - 1, y: frame.height - 1 },
    { x: 0, y: frame.height - 1 },
  ];
  if (area > 0.9 * width * height) return whole;
  if (area < 0.15 * width * height) return undefined;
  let minX = width;
  let maxX = 0;
  let minY = height;
  let maxY = 0;
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      if (!mask[y * width + x]) continue;
      minX = Math.min(minX, x);
      maxX = Math.max(maxX, x);
      minY = Math.min(minY, y);
      maxY = Math.max(maxY, y);
    }
  }
  // Sample each edge only along the middle half of the region, away from corners and fingers.
  const left: Point[] = [];
  const right: Point[] = [];
  const top: Point[] = [];
  const bottom: Point[] = [];
  const bandY0 = Math.round(minY + 0.25 * (maxY - minY));
  const bandY1 = Math.round(minY + 0.75 * (maxY - minY));
  for (let y = bandY0; y <= bandY1; y += 1) {
    let first = -1;
    let last = -1;
    for (let x = minX; x <= maxX; x += 1) {
      if (mask[y * width + x]) {
        if (first < 0) first = x;
        last = x;
      }
    }
    if (first >= 0) {
      left.push({ x: first, y });
      right.push({ x: last + 1, y });
    }
  }
  const bandX0 = Math.round(minX + 0.25 * (maxX - minX));
  const bandX1 = Math.round(minX + 0.75 * (maxX - minX));
  for (let x = bandX0; x <= bandX1; x += 1) {
    let first = -1;
    let last = -1;
    for (let y = minY; y <= maxY; y += 1) {
      if (mask[y * width + x]) {
        if (first < 0) first = y;
        last = y;
      }
    }
    if (first >= 0) {
      top.push({ x, y: first });
      bottom.push({ x, y: last + 1 });
    }
  }
  const lines = [fitLine(left, true), fitLine(top, false), fitLine(right, true), fitLine(bottom, false)];
  const [leftLine, topLine, rightLine, bottomLine] = lines;
  if (!leftLine || !topLine || !rightLine || !bottomLine) return undefined;
  const scale = (p: Point): Point => ({ x: p.x * factor, y: p.y * factor });
  const quad: Quad = [
    scale(intersect(leftLine, topLine)),
    scale(intersect(rightLine, topLine)),
    scale(intersect(rightLine, bottomLine)),
    scale(intersect(leftLine, bottomLine)),
  ];
  const widthTop = distance(quad[0], quad[1]);
  const widthBottom = distance(quad[3], quad[2]);
  const heightLeft = distance(quad[0], quad[3]);
  const heightRight = distance(quad[1], quad[2]);
  const aspect = (widthTop + widthBottom) / (heightLeft + heightRight);
  // An ID-1 card is 1.586:1; allow for perspective, refuse anything far from card-shaped.
  if (!(aspect > 1.25 && aspect < 1.95)) return undefined;
  return quad;
}

/** Solves the 8 unknowns of the homography mapping the unit rectangle onto the quad. */
function homography(width: number, height: number, quad: Quad): number[] {
  const source: Point[] = [
    { x: 0, y: 0 },
    { x: width, y: 0 },
    { x: width, y: height },
    { x: 0, y: height },
  ];
  const matrix: number[][] = [];
  for (let i = 0; i < 4; i += 1) {
    const { x, y } = source[i]!;
    const { x: u, y: v } = quad[i]!;
    matrix.push([x, y, 1, 0, 0, 0, -u * x, -u * y, u]);
    matrix.push([0, 0, 0, x, y, 1, -v * x, -v * y, v]);
  }
  // Gaussian elimination with partial pivoting on the 8×9 augmented matrix.
  for (let column = 0; column < 8; column += 1) {
    let pivot = column;
    for (let row = column + 1; row < 8; row += 1) {
      if (Math.abs(matrix[row]![column]!) > Math.abs(matrix[pivot]![column]!)) pivot = row;
    }
    [matrix[column], matrix[pivot]] = [matrix[pivot]!, matrix[column]!];
    const pivotRow = matrix[column]!;
    for (let row = 0; row < 8; row += 1) {
      if (row === column) continue;
      const current = matrix[row]!;
      const ratio = current[column]! / pivotRow[column]!;
      for (let k = column; k < 9; k += 1) current[k]! -= ratio * pivotRow[k]!;
    }
  }
  return matrix.map((row, i) => row[8]! / row[i]!);
}

/** The card, flattened to NORMALISED_WIDTH × NORMALISED_HEIGHT (bilinear sampling). */
export function flattenCard(frame: GrayImage, quad: Quad): GrayImage {
  const width = NORMALISED_WIDTH;
  const height = NORMALISED_HEIGHT;
  const [h0, h1, h2, h3, h4, h5, h6, h7] = homography(width, height, quad) as [
    number,
    number,
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const w = h6 * x + h7 * y + 1;
      const u = (h0 * x + h1 * y + h2) / w;
      const v = (h3 * x + h4 * y + h5) / w;
      const x0 = Math.floor(u);
      const y0 = Math.floor(v);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= frame.width || y0 + 1 >= frame.height) {
        data[y * width + x] = 255;
        continue;
      }
      const fx = u - x0;
      const fy = v - y0;
      const i = y0 * frame.width + x0;
      const top = frame.data[i]! * (1 - fx) + frame.data[i + 1]! * fx;
      const bottom = frame.data[i + frame.width]! * (1 - fx) + frame.data[i + frame.width + 1]! * fx;
      data[y * width + x] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return { width, height, data };
}

/** The card turned half a turn (placed upside down on the tray). */
export function rotate180(image: GrayImage): GrayImage {
  return { ...image, data: image.data.slice().reverse() };
}

/** The card halved by averaging 2×2 pixels (sensor noise averages away; an edge stays an edge). */
function halve(image: GrayImage): GrayImage {
  const width = Math.floor(image.width / 2);
  const height = Math.floor(image.height / 2);
  const data = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const i = 2 * y * image.width + 2 * x;
      const sum =
        image.data[i]! + image.data[i + 1]! + image.data[i + image.width]! + image.data[i + image.width + 1]!;
      data[y * width + x] = (sum + 2) >> 2;
    }
  }
  return { width, height, data };
}

const SHARPNESS_TILES = { columns: 12, rows: 8 };
/** A tile with less contrast than this (grey levels, 2nd–98th percentile) holds no print to judge. */
const MIN_TILE_CONTRAST = 60;

/**
 * How sharp the printed text is, independent of light and of what else is on the card: on the card
 * halved, in each of 12 × 8 tiles that holds print, the 99th percentile of the local gradient divided
 * by the tile's own contrast; the third-best tile's figure. A step in print gives ≈ 1 and more; a face
 * out of focus only gentle slopes. Per tile, because a dark photo widens a card-wide contrast without
 * sharpening any digit (the card-wide figure put blurred but readable cards with a face photo below
 * faces out of focus). Known gap: the white flattenCard paints where the card lies outside the frame
 * is a hard step whatever the focus, so such a face goes on to OCR instead of being refused at once
 * (slower, never a wrong number: the gate still decides).
 */
export function sharpness(card: GrayImage): number {
  const { width, height, data } = halve(card);
  const tileWidth = Math.floor(width / SHARPNESS_TILES.columns);
  const tileHeight = Math.floor(height / SHARPNESS_TILES.rows);
  const scores: number[] = [];
  const greys = new Uint32Array(256);
  const gradients = new Uint32Array(256);
  for (let row = 0; row < SHARPNESS_TILES.rows; row += 1) {
    for (let column = 0; column < SHARPNESS_TILES.columns; column += 1) {
      greys.fill(0);
      gradients.fill(0);
      let count = 0;
      for (let y = row * tileHeight; y < (row + 1) * tileHeight - 1; y += 1) {
        for (let x = column * tileWidth; x < (column + 1) * tileWidth - 1; x += 1) {
          const i = y * width + x;
          greys[data[i]!]! += 1;
          gradients[Math.max(Math.abs(data[i + 1]! - data[i]!), Math.abs(data[i + width]! - data[i]!))]! += 1;
          count += 1;
        }
      }
      const contrast = percentileOf(greys, count, 0.98) - percentileOf(greys, count, 0.02);
      if (contrast < MIN_TILE_CONTRAST) continue;
      scores.push(percentileOf(gradients, count, 0.99) / contrast);
    }
  }
  scores.sort((a, b) => b - a);
  return scores[Math.min(2, scores.length - 1)] ?? 0;
}

/** The value below which `share` of a histogram's `count` entries lie. */
function percentileOf(histogram: Uint32Array, count: number, share: number): number {
  for (let value = 0, seen = 0; value < histogram.length; value += 1) {
    seen += histogram[value]!;
    if (seen >= count * share) return value;
  }
  return histogram.length - 1;
}

/** Stretches the 1st–99th percentile of grey levels to the full range (low light, haze). */
export function stretchContrast(image: GrayImage): GrayImage {
  const histogram = new Array<number>(256).fill(0);
  for (const value of image.data) histogram[value]! += 1;
  const total = image.data.length;
  let low = 0;
  let high = 255;
  for (let i = 0, count = 0; i < 256; i += 1) {
    count += histogram[i]!;
    if (count >= total * 0.01) {
      low = i;
      break;
    }
  }
  for (let i = 255, count = 0; i >= 0; i -= 1) {
    count += histogram[i]!;
    if (count >= total * 0.01) {
      high = i;
      break;
    }
  }
  const range = Math.max(1, high - low);
  const data = image.data.map((value) =>
    Math.max(0, Math.min(255, Math.round(((value - low) * 255) / range))),
  );
  return { ...image, data };
}

/** Local-mean threshold (integral image): dark text on pink, glare and vignetting alike. */
export function adaptiveBinarise(image: GrayImage, window = 41, offset = 24): GrayImage {
  const { width, height, data } = image;
  const integral = new Float64Array((width + 1) * (height + 1));
  for (let y = 0; y < height; y += 1) {
    let rowSum = 0;
    for (let x = 0; x < width; x += 1) {
      rowSum += data[y * width + x]!;
      integral[(y + 1) * (width + 1) + x + 1] = integral[y * (width + 1) + x + 1]! + rowSum;
    }
  }
  const half = Math.floor(window / 2);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y += 1) {
    const y0 = Math.max(0, y - half);
    const y1 = Math.min(height, y + half + 1);
    for (let x = 0; x < width; x += 1) {
      const x0 = Math.max(0, x - half);
      const x1 = Math.min(width, x + half + 1);
      const sum =
        integral[y1 * (width + 1) + x1]! -
        integral[y0 * (width + 1) + x1]! -
        integral[y1 * (width + 1) + x0]! +
        integral[y0 * (width + 1) + x0]!;
      const mean = sum / ((x1 - x0) * (y1 - y0));
      out[y * width + x] = data[y * width + x]! < mean - offset ? 0 : 255;
    }
  }
  return { width, height, data: out };
}

export async function encodePng(image: GrayImage): Promise<Buffer> {
  return sharp(image.data, { raw: { width: image.width, height: image.height, channels: 1 } })
    .png({ compressionLevel: 1 })
    .toBuffer();
}

export type Preparation = 'contrast' | 'enlarged' | 'binarised';

/**
 * One prepared version of a flattened card, as PNG bytes for the OCR engine: contrast-stretched;
 * or also enlarged 1.5× and sharpened (other pixels, other line heights for the recogniser); or
 * binarised with a local threshold.
 */
export async function prepareCard(card: GrayImage, preparation: Preparation): Promise<Buffer> {
  const stretched = stretchContrast(card);
  switch (preparation) {
    case 'contrast':
      return encodePng(stretched);
    case 'binarised':
      return encodePng(adaptiveBinarise(stretched));
    case 'enlarged':
      return sharp(stretched.data, { raw: { width: card.width, height: card.height, channels: 1 } })
        .resize({ width: Math.round(card.width * 1.5), kernel: 'lanczos3' })
        .sharpen({ sigma: 1 })
        .png({ compressionLevel: 1 })
        .toBuffer();
  }
}
