// Reads 照合番号B from the frames of one card placement: flatten each frame, refuse at once a face
// too blurred to read, OCR differently prepared versions (two frames → one read each, crossed with
// two preparations; one frame → two preparations of it), find the fields by their text, and let
// the gate decide.
import type { CardFaceConfig } from './config';
import type { CalendarDate } from './era';
import sharp from 'sharp';
import { codeLineCandidates, findCardFaceFields, type FieldsFailure, type FieldsRead } from './fields';
import { gateReads, type ChipFacts, type GateResult } from './gate';
import {
  decodeToGray,
  flattenCard,
  locateCard,
  prepareCard,
  rotate180,
  sharpness,
  type GrayImage,
  type Preparation,
} from './image-prep';
import type { CardFaceOcr, OcrLine } from './ocr';

export type CardFaceReadResult = GateResult & {
  /** How many OCR reads were made (for the benchmark; never the content). */
  readsMade: number;
  /** What each read found: 'fields' or the field it missed (for the benchmark; never the content). */
  readOutcomes?: ReadOutcome[];
};

export type ReadOutcome = 'fields' | FieldsFailure;

interface PlannedRead {
  frame: number;
  preparation: Preparation;
}

/**
 * Reads in the order that makes the first two independent (two frames: other pixels, own noise)
 * and cheap: the enlarged copy (~0.2 s to make and decode) only when the two contrast reads
 * could not decide. Measured on the dev families: as many cards read, ~20 % less time per card.
 */
export function planReads(frameCount: number, maxReads: number): PlannedRead[] {
  const plan: PlannedRead[] =
    frameCount >= 2
      ? [
          { frame: 0, preparation: 'contrast' },
          { frame: 1, preparation: 'contrast' },
          { frame: 1, preparation: 'enlarged' },
          { frame: 0, preparation: 'enlarged' },
        ]
      : [
          { frame: 0, preparation: 'contrast' },
          { frame: 0, preparation: 'enlarged' },
          { frame: 0, preparation: 'binarised' },
        ];
  for (let frame = 2; frame < frameCount; frame += 1) {
    plan.push({ frame, preparation: 'contrast' }, { frame, preparation: 'enlarged' });
  }
  return plan.slice(0, maxReads);
}

export class CardFaceReader {
  constructor(
    private readonly ocr: CardFaceOcr,
    private readonly config: CardFaceConfig,
    private readonly today: () => CalendarDate,
  ) {}

  async read(frames: readonly Uint8Array[], chip: ChipFacts): Promise<CardFaceReadResult> {
    const cards: GrayImage[] = [];
    for (const frame of frames) {
      const card = await flattenFrame(frame);
      if (card) cards.push(card);
    }
    if (cards.length === 0) return { ok: false, refusal: 'no-card', readsMade: 0, readOutcomes: [] };
    // A face too blurred for any digit to be trusted: refused before any OCR runs.
    if (Math.max(...cards.map(sharpness)) < MIN_SHARPNESS) {
      return { ok: false, refusal: 'face-unreadable', readsMade: 0, readOutcomes: [] };
    }
    const plan = planReads(cards.length, this.config.maxReadsPerScan);
    const reads: FieldsRead[] = [];
    let decision = gateReads(reads, chip, this.config, this.today());
    let readsMade = 0;
    let flipped = false;
    // Once a read has found the fields, the confirming reads look only there (in card pixels).
    let fieldBoxes: Box[] | undefined;
    for (let index = 0; index < plan.length; index += 1) {
      const step = plan[index]!;
      const image = await prepareCard(cards[step.frame]!, step.preparation);
      const scale = PREPARATION_SCALE[step.preparation];
      const near = fieldBoxes?.map((box) => scaleBox(box, scale));
      const { read, sawCardText, textBoxes } = await this.readFields(image, near);
      if (read.ok && !fieldBoxes && read.fields.sources) {
        fieldBoxes = read.fields.sources.map((box) => scaleBox(box, 1 / scale));
      }
      readsMade += 1;
      // Hardly any text on a card-shaped object (a blank card, the back, a face lost in noise).
      if (index === 0 && textBoxes < MIN_TEXT_BOXES && flipped) {
        return { ok: false, refusal: 'face-unreadable', readsMade, readOutcomes: outcomes(reads) };
      }
      // Nothing of a card front's text on the first read: the card may lie upside down. Turn
      // every frame once and start over.
      if (index === 0 && !read.ok && !sawCardText && !flipped) {
        flipped = true;
        cards.forEach((card, i) => (cards[i] = rotate180(card)));
        index = -1;
        continue;
      }
      reads.push(read);
      decision = gateReads(reads, chip, this.config, this.today());
      const remaining = plan.length - index - 1;
      if (decision.ok || decision.refusal === 'reads-disagree') break;
      // Stop when even perfect remaining reads could not reach the required count.
      const usable = reads.filter(
        (fields) => fields.ok && fields.fields.minConfidence >= this.config.confidenceFloor,
      ).length;
      if (usable + remaining < this.config.readsRequired) break;
      // A complete, agreeing set that fails for a reason more reads cannot change: stop.
      if (['implausible-date', 'expiry-mismatch', 'western-date-unsupported'].includes(decision.refusal))
        break;
    }
    return { ...decision, readsMade, readOutcomes: outcomes(reads) };
  }

  /**
   * One read: the whole card with the Japanese model, then the lines that may hold the security
   * code again with the code reader. The two must not name different codes (the read then fails,
   * 'code-ambiguous'); if neither saw the code line, the whole card goes to the code reader. A
   * confirming read (`near`) that found every field takes no second look: the first read's code was
   * cross-checked so, and the gate needs the two reads to name the same code. Measured: the second
   * looks took ~250 ms of a dev card's ~940 ms, half of it in confirming reads.
   */
  private async readFields(
    image: Buffer,
    near: Box[] | undefined,
  ): Promise<{ read: FieldsRead; sawCardText: boolean; textBoxes: number }> {
    const page = await this.ocr.readLines(image, near ? { near } : {});
    const sawCardText = page.some((line) => /\d ?年|まで ?有効|個人 ?番号|氏名|住所/u.test(line.text));
    const seen = { sawCardText, textBoxes: page.length };
    const first = findCardFaceFields(page);
    const readCodeLine = this.ocr.readCodeLine?.bind(this.ocr);
    if (!readCodeLine || (!first.ok && first.failure !== 'code-not-found')) return { read: first, ...seen };
    if (near && first.ok) return { read: first, ...seen };
    const codeLines: OcrLine[] = [];
    for (const box of codeLineCandidates(page).slice(0, MAX_CODE_LINES)) {
      codeLines.push(asOneLine(await readCodeLine(await cropLine(image, box))));
    }
    const second = findCardFaceFields(page, codeLines);
    if (second.ok || second.failure !== 'code-not-found') return { read: second, ...seen };
    return { read: findCardFaceFields(page, await readCodeLine(image)), ...seen };
  }
}

function outcomes(reads: readonly FieldsRead[]): ReadOutcome[] {
  return reads.map((read) => (read.ok ? 'fields' : read.failure));
}

/** What the code reader found in one line's crop, as one line in reading order (it may split it in two). */
function asOneLine(lines: OcrLine[]): OcrLine {
  const words = lines.flatMap((line) => line.words);
  const boxes = lines.map((line) => line.bbox);
  return {
    text: words.map((word) => word.text).join(' '),
    words,
    bbox: {
      x0: Math.min(...boxes.map((box) => box.x0)),
      y0: Math.min(...boxes.map((box) => box.y0)),
      x1: Math.max(...boxes.map((box) => box.x1)),
      y1: Math.max(...boxes.map((box) => box.y1)),
    },
  };
}

/** The line's box with a margin of half its height, as PNG. */
async function cropLine(image: Buffer, box: OcrLine['bbox']): Promise<Buffer> {
  const { width = 0, height = 0 } = await sharp(image).metadata();
  const margin = Math.round((box.y1 - box.y0) / 2);
  const left = Math.max(0, box.x0 - margin);
  const top = Math.max(0, box.y0 - margin);
  return sharp(image)
    .extract({
      left,
      top,
      width: Math.max(1, Math.min(width, box.x1 + margin) - left),
      height: Math.max(1, Math.min(height, box.y1 + margin) - top),
    })
    .png()
    .toBuffer();
}

/**
 * Below this edge sharpness (image-prep.ts `sharpness`) no digit of a card face can be trusted.
 * Measured on simulated fronts of the five dev families (two draws, one frame per card): clean
 * 1.04–2.26, blur σ 1.2–1.8 0.49–1.45, combined 0.58–1.56, low light 0.84–1.08, JPEG, glare, finger
 * and perspective 0.95 and more; out of focus (σ 5–7) 0.00–0.17.
 */
export const MIN_SHARPNESS = 0.3;
/**
 * A card front carries a dozen text lines and more; a read that finds fewer either way up sees no
 * readable face.
 */
const MIN_TEXT_BOXES = 5;

type Box = OcrLine['bbox'];

/** How much larger than the flattened card each preparation is. */
const PREPARATION_SCALE: Record<Preparation, number> = { contrast: 1, binarised: 1, enlarged: 1.5 };

function scaleBox(box: Box, factor: number): Box {
  return { x0: box.x0 * factor, y0: box.y0 * factor, x1: box.x1 * factor, y1: box.y1 * factor };
}

/** At most this many lines get a second look for the security code per read. */
const MAX_CODE_LINES = 3;

/** The flattened card in one frame, or undefined when the frame shows no card or is not an image. */
async function flattenFrame(frame: Uint8Array): Promise<GrayImage | undefined> {
  let gray: GrayImage;
  try {
    gray = await decodeToGray(frame);
  } catch {
    return undefined;
  }
  const quad = locateCard(gray);
  return quad ? flattenCard(gray, quad) : undefined;
}
