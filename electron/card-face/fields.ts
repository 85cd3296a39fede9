// Finds the three parts of 照合番号B in one OCR read of the card front by their text and by
// geometry that holds on any plausible layout, never by fixed coordinates: the birth date ends in
// 「生」, the card expiry ends in 「まで有効」, and the security code is the 4-digit group printed
// with the 16-character code — beside it on the same line, or alone on the next line under it,
// left- or right-aligned. The label, the issuer and the photo may sit anywhere. The distractors of
// a real card (card.md §4) match none of these: the e-certificate expiry write-in has no
// 「まで有効」, endorsement (追記欄) era dates have no 「生」, and the 16-character code is not 4 digits.
import { eraNameFromKanji, type CalendarDate } from './era';
import type { PrintedBirthDate } from './collation-number';
import type { OcrLine } from './ocr';

export interface CardFaceFields {
  birth: PrintedBirthDate;
  expiry: CalendarDate;
  securityCode: string;
  /** The lowest confidence of any digit that went into the three fields. */
  minConfidence: number;
  /**
   * The era name's confidence (era-dated births). The era is not part of 照合番号B (YY is the era
   * year as printed); it only decides the calendar and the plausibility checks.
   */
  eraConfidence?: number;
  /** Where the fields were read (boxes of the pieces), for a confirming read of the same places. */
  sources?: OcrLine['bbox'][];
}

export type FieldsFailure =
  | 'birth-not-found'
  | 'birth-ambiguous'
  | 'expiry-not-found'
  | 'expiry-ambiguous'
  | 'code-not-found'
  | 'code-ambiguous';

export type FieldsRead = { ok: true; fields: CardFaceFields } | { ok: false; failure: FieldsFailure };

/**
 * A line as text with one confidence per character. Japanese text comes back with a word break
 * between most characters, so the date patterns use the text without breaks; the code pattern
 * needs the break between the 16-character code and the 4-digit group.
 */
interface ScoredText {
  text: string;
  confidences: number[];
}

function scoredLine(line: OcrLine, wordBreaks: boolean): ScoredText {
  let text = '';
  const confidences: number[] = [];
  for (const word of line.words) {
    if (wordBreaks && text.length > 0 && !text.endsWith(' ')) {
      text += ' ';
      confidences.push(100);
    }
    for (const symbol of word.symbols) {
      // NFKC: full-width digits and letters become ASCII.
      for (const char of symbol.text.normalize('NFKC')) {
        // One space for any run of white space (PaddleOCR reads the gap between code and group as one).
        if (/\s/.test(char)) {
          if (text.length > 0 && !text.endsWith(' ')) {
            text += ' ';
            confidences.push(100);
          }
          continue;
        }
        text += char;
        confidences.push(symbol.confidence);
      }
    }
  }
  return { text, confidences };
}

function lowestConfidence(line: ScoredText, start: number, end: number): number {
  let lowest = 100;
  for (let i = start; i < end; i += 1) {
    if (/[0-9元]/.test(line.text[i]!)) lowest = Math.min(lowest, line.confidences[i]!);
  }
  return lowest;
}

// OCR stand-ins: PaddleOCR's dictionary is Chinese-first and reads 令 as 今.
function normaliseEraText(text: string): string {
  return text.replace(/今和/gu, '令和');
}

const ERA_BIRTH = /(明治|大正|昭和|平成|令和)(元|\d{1,2})年(\d{1,2})月(\d{1,2})日生/gu;
// A 4-digit year right after an era name (「昭和1959年」) is a misread, not a Western date.
const WESTERN_BIRTH = /(?<![\d治正和成])(\d{4})年(\d{1,2})月(\d{1,2})日生/gu;
// The card's expiry: a Western date, then 「まで」 and 「有効」. An engine without kana in its
// dictionary reads 「まで」 as up to three stand-ins (a blurred で as a digit among them, never a date
// character) and 効 as 效 or nothing; the 有 must be there. The date ends at its 日, so a stand-in
// digit cannot change it. The e-certificate write-in carries no suffix.
const EXPIRY = /(?<!\d)(\d{4})年(\d{1,2})月(\d{1,2})日[^年月日生]{0,3}有/gu;
// The 16-character code then the 4-digit group beside it. The code only anchors the group, so OCR
// may misread, drop or add a few of its characters (12–20 letters or digits). Four digits then 年 (in
// the same box or the next) are a year: the e-certificate write-in level with a code printed under a
// photo on the left shares its row.
const CODE_PAIR = /(?<![0-9A-Za-z])([0-9A-Za-z]{12,20}) +(\d{4})(?![0-9A-Za-z]| ?[年月日])/gu;
const CODE_ANCHOR = /(?<![0-9A-Za-z])[0-9A-Za-z]{12,20}(?![0-9A-Za-z])/u;
const FOUR_DIGITS = /^(\d{4})$/u;

type Box = OcrLine['bbox'];

/** One OCR line (tesseract) or text box (PaddleOCR) with its text and box. */
interface Piece extends ScoredText {
  bbox: Box;
  /** The box as the engine found it, when the piece is part of it (see splitGluedGroup). */
  detected?: Box;
}

// A 4-digit group glued to a Western date: the detector can take the security code and the
// e-certificate write-in printed right after it for one text line.
const GLUED_GROUP = /^(\d{4})(\d{4}年)/u;

/**
 * A box read as a 4-digit group and a Western date with nothing between them is two pieces: the
 * group (its share of the box, by character widths) and the date. Exactly four digits before the
 * date's 4-digit year: any dropped or extra digit leaves the box whole.
 */
function splitGluedGroup(piece: Piece): Piece[] {
  const line = compact(piece);
  if (!GLUED_GROUP.test(line.text)) return [piece];
  const weight = (char: string): number => (/[0-9A-Za-z]/u.test(char) ? 1 : 2);
  const total = [...line.text].reduce((sum, char) => sum + weight(char), 0);
  const cut = piece.bbox.x0 + ((piece.bbox.x1 - piece.bbox.x0) * 4) / total;
  const detected = piece.detected ?? piece.bbox;
  return [
    {
      text: line.text.slice(0, 4),
      confidences: line.confidences.slice(0, 4),
      bbox: { ...piece.bbox, x1: cut },
      detected,
    },
    {
      text: line.text.slice(4),
      confidences: line.confidences.slice(4),
      bbox: { ...piece.bbox, x0: cut },
      detected,
    },
  ];
}

/** Where the engine found the piece (a confirming read looks there). */
const foundBox = (piece: Piece): Box => piece.detected ?? piece.bbox;

function piecesOf(lines: OcrLine[]): Piece[] {
  return lines.flatMap((line) => splitGluedGroup({ ...scoredLine(line, true), bbox: line.bbox }));
}

/** Pieces on one level, left to right, joined with a space: one printed line of the card. */
interface Row extends ScoredText {
  pieces: Piece[];
}

const heightOf = (box: Box): number => Math.max(1, box.y1 - box.y0);
const middleOf = (box: Box): number => (box.y0 + box.y1) / 2;

/**
 * Groups pieces into printed lines: level with each other (centres within half a height) and
 * close (a gap under 2.5 heights), so a date split into two boxes, or the code and the 4-digit
 * group beside it, read as one line, while the sex or the issuer further right stays apart.
 */
function groupRows(pieces: Piece[]): Row[] {
  const rows: Piece[][] = [];
  for (const piece of [...pieces].sort((a, b) => a.bbox.x0 - b.bbox.x0)) {
    const row = rows.find((candidate) => {
      const last = candidate[candidate.length - 1]!;
      const height = Math.min(heightOf(last.bbox), heightOf(piece.bbox));
      const level = Math.abs(middleOf(last.bbox) - middleOf(piece.bbox)) < height / 2;
      const gap = piece.bbox.x0 - last.bbox.x1;
      return level && gap > -height && gap < 2.5 * height;
    });
    if (row) row.push(piece);
    else rows.push([piece]);
  }
  return rows.map((row) => {
    let text = '';
    const confidences: number[] = [];
    row.forEach((piece, index) => {
      if (index > 0) {
        text += ' ';
        confidences.push(100);
      }
      text += piece.text;
      confidences.push(...piece.confidences);
    });
    return { text, confidences, pieces: row };
  });
}

/** The row's text without spaces (dates may be printed or read with spaces in them). */
function compact(line: ScoredText): ScoredText {
  let text = '';
  const confidences: number[] = [];
  [...line.text].forEach((char, index) => {
    if (char === ' ') return;
    text += char;
    confidences.push(line.confidences[index]!);
  });
  return { text: normaliseEraText(text), confidences };
}

interface Candidate<T> {
  value: T;
  key: string;
  confidence: number;
  /** The era name's confidence (birth dates only). */
  eraConfidence?: number;
  /** The boxes it was read from. */
  boxes?: Box[];
}

/** One distinct value wins; two different values are ambiguous; none is not found. */
function single<T>(candidates: Candidate<T>[]): 'none' | 'ambiguous' | Candidate<T> {
  if (candidates.length === 0) return 'none';
  const keys = new Set(candidates.map((candidate) => candidate.key));
  if (keys.size > 1) return 'ambiguous';
  return candidates.reduce((a, b) => (a.confidence <= b.confidence ? a : b));
}

function birthCandidates(rows: Row[]): Candidate<PrintedBirthDate>[] {
  const found: Candidate<PrintedBirthDate>[] = [];
  for (const row of rows) {
    const line = compact(row);
    const boxes = row.pieces.map(foundBox);
    for (const match of line.text.matchAll(ERA_BIRTH)) {
      const era = eraNameFromKanji(match[1]!)!;
      const eraYear = match[2] === '元' ? 1 : Number(match[2]);
      const value: PrintedBirthDate = {
        calendar: 'era',
        era,
        eraYear,
        month: Number(match[3]),
        day: Number(match[4]),
      };
      const eraStart = match.index;
      found.push({
        value,
        key: JSON.stringify(value),
        confidence: lowestConfidence(line, eraStart, eraStart + match[0].length),
        eraConfidence: Math.min(...line.confidences.slice(eraStart, eraStart + 2)),
        boxes,
      });
    }
    for (const match of line.text.matchAll(WESTERN_BIRTH)) {
      const value: PrintedBirthDate = {
        calendar: 'western',
        year: Number(match[1]),
        month: Number(match[2]),
        day: Number(match[3]),
      };
      found.push({
        value,
        key: JSON.stringify(value),
        confidence: lowestConfidence(line, match.index, match.index + match[0].length),
        boxes,
      });
    }
  }
  return found;
}

function expiryCandidates(rows: Row[]): Candidate<CalendarDate>[] {
  const found: Candidate<CalendarDate>[] = [];
  for (const row of rows) {
    const line = compact(row);
    const boxes = row.pieces.map(foundBox);
    for (const match of line.text.matchAll(EXPIRY)) {
      const value = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
      // Only the date counts: the stand-ins for 「まで」 may be anything (a 元 among them is no digit).
      const dateEnd = match.index + match[0].indexOf('日') + 1;
      found.push({
        value,
        key: JSON.stringify(value),
        confidence: lowestConfidence(line, match.index, dateEnd),
        boxes,
      });
    }
  }
  return found;
}

/** A piece that is nothing but a 4-digit group. */
function fourDigitGroup(piece: ScoredText): Candidate<string> | undefined {
  const line = compact(piece);
  const digits = FOUR_DIGITS.exec(line.text);
  if (!digits) return undefined;
  return { value: digits[1]!, key: digits[1]!, confidence: lowestConfidence(line, 0, 4) };
}

/** How far right of the 16-character code (in its heights) the 4-digit group may be printed. */
const MAX_GROUP_GAP = 5;

/**
 * The nearest piece level with the code and right of it, if it is a 4-digit group (a wider gap
 * than a printed line's: fonts and layouts space the two differently). A 4-digit year followed by
 * 年 (a date's box cut in two) is no group.
 */
function groupBeside(code: Piece, pieces: Piece[]): (Candidate<string> & { box: Box }) | undefined {
  const anchor = code.bbox;
  const level = (piece: Piece, to: Box): boolean =>
    Math.abs(middleOf(piece.bbox) - middleOf(to)) < Math.min(heightOf(piece.bbox), heightOf(to)) / 2;
  const height = heightOf(anchor);
  const nearest = pieces
    .filter((other) => other !== code && level(other, anchor))
    .filter(
      (other) => other.bbox.x0 - anchor.x1 > -height && other.bbox.x0 - anchor.x1 < MAX_GROUP_GAP * height,
    )
    .sort((a, b) => a.bbox.x0 - b.bbox.x0)[0];
  if (!nearest) return undefined;
  const group = fourDigitGroup(nearest);
  if (!group) return undefined;
  const next = pieces.find(
    (other) =>
      other !== nearest &&
      level(other, nearest.bbox) &&
      other.bbox.x0 >= nearest.bbox.x1 - heightOf(nearest.bbox) &&
      other.bbox.x0 - nearest.bbox.x1 < 2.5 * heightOf(nearest.bbox),
  );
  if (next && /^[年月日]/u.test(compact(next).text)) return undefined;
  return { ...group, box: nearest.detected ?? nearest.bbox };
}

/**
 * The security code wherever it may be printed with the 16-character code: beside it on the same
 * line, or alone on the next line under it (left- or right-aligned, so within the code's width).
 */
function codeCandidates(rows: Row[]): Candidate<string>[] {
  const found: Candidate<string>[] = [];
  const pieces = rows.flatMap((row) => row.pieces);
  for (const row of rows) {
    for (const match of row.text.matchAll(CODE_PAIR)) {
      const start = match.index + match[0].length - 4;
      found.push({
        value: match[2]!,
        key: match[2]!,
        confidence: lowestConfidence(row, start, start + 4),
        boxes: row.pieces.map(foundBox),
      });
    }
    for (const piece of row.pieces) {
      if (!CODE_ANCHOR.test(piece.text)) continue;
      const anchor = piece.bbox;
      const height = heightOf(anchor);
      const beside = groupBeside(piece, pieces);
      if (beside) found.push({ ...beside, boxes: [anchor, beside.box] });
      for (const other of pieces) {
        if (other === piece) continue;
        const box = other.bbox;
        const below = box.y0 > middleOf(anchor) && box.y0 - anchor.y1 < 1.2 * height;
        // Within the code's width, allowing for a font whose code runs a little short or long.
        const within = box.x0 >= anchor.x0 - 2 * height && box.x1 <= anchor.x1 + 2 * height;
        const group = below && within ? fourDigitGroup(other) : undefined;
        if (group) found.push({ ...group, boxes: [anchor, other.detected ?? box] });
      }
    }
  }
  return found;
}

/**
 * Lines worth a second look by the code-line reader: a run of Latin letters and digits (the
 * 16-character code) or a line ending in a 4-digit group that is not a date.
 */
export function codeLineCandidates(ocrLines: OcrLine[]): OcrLine['bbox'][] {
  const boxes = ocrLines
    .filter((line) => {
      const text = scoredLine(line, true).text;
      if (/[年月日生]/u.test(text)) return false;
      return CODE_ANCHOR.test(text) || /(^| )\d{4}$/u.test(text);
    })
    .map((line) => ({ ...line.bbox }));
  // The layout analysis may split the code and the 4-digit group into two lines: boxes on one
  // level become one box, so the code reader sees them together.
  const merged: OcrLine['bbox'][] = [];
  for (const box of boxes.sort((a, b) => a.x0 - b.x0)) {
    const level = merged.find((other) => {
      const height = Math.max(other.y1 - other.y0, box.y1 - box.y0);
      return (
        Math.abs((other.y0 + other.y1) / 2 - (box.y0 + box.y1) / 2) < height / 2 &&
        box.x0 - other.x1 < 4 * height
      );
    });
    if (level) {
      level.x0 = Math.min(level.x0, box.x0);
      level.y0 = Math.min(level.y0, box.y0);
      level.x1 = Math.max(level.x1, box.x1);
      level.y1 = Math.max(level.y1, box.y1);
    } else {
      merged.push(box);
    }
  }
  return merged;
}

/**
 * The fields in one read: `ocrLines` from the whole card, plus `codeLines` from re-reading
 * candidate lines with a code-line reader (their 16-character code + 4 digits count as well; two
 * different security codes between them are ambiguous).
 */
export function findCardFaceFields(ocrLines: OcrLine[], codeLines: OcrLine[] = []): FieldsRead {
  const rows = groupRows(piecesOf(ocrLines));
  const birth = single(birthCandidates(rows));
  if (birth === 'none') return { ok: false, failure: 'birth-not-found' };
  if (birth === 'ambiguous') return { ok: false, failure: 'birth-ambiguous' };
  const expiry = single(expiryCandidates(rows));
  if (expiry === 'none') return { ok: false, failure: 'expiry-not-found' };
  if (expiry === 'ambiguous') return { ok: false, failure: 'expiry-ambiguous' };
  const reread = groupRows(piecesOf(codeLines));
  const code = single([...codeCandidates(rows), ...codeCandidates(reread)]);
  if (code === 'none') return { ok: false, failure: 'code-not-found' };
  if (code === 'ambiguous') return { ok: false, failure: 'code-ambiguous' };
  return {
    ok: true,
    fields: {
      birth: birth.value,
      expiry: expiry.value,
      securityCode: code.value,
      minConfidence: Math.min(birth.confidence, expiry.confidence, code.confidence),
      ...(birth.eraConfidence === undefined ? {} : { eraConfidence: birth.eraConfidence }),
      sources: [...(birth.boxes ?? []), ...(expiry.boxes ?? []), ...(code.boxes ?? [])],
    },
  };
}
