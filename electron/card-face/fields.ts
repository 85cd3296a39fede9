// Finds the three parts of 照合番号B in one OCR read of the card front, by their text, not by
// position: the birth date ends in 「生」, the card expiry ends in 「まで有効」, and the security code
// is the 4-digit group printed beside the 16-character code under the photo. The distractors of a
// real card (card.md §4) match none of these: the e-certificate expiry write-in has no 「まで有効」,
// endorsement (追記欄) era dates have no 「生」, and the 16-character code is not 4 digits.
import { eraNameFromKanji, type CalendarDate } from './era';
import type { PrintedBirthDate } from './collation-number';
import type { OcrLine } from './ocr';

export interface CardFaceFields {
  birth: PrintedBirthDate;
  expiry: CalendarDate;
  securityCode: string;
  /** The lowest confidence of any digit (and era name) that went into the three fields. */
  minConfidence: number;
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
    if (wordBreaks && text.length > 0) {
      text += ' ';
      confidences.push(100);
    }
    for (const symbol of word.symbols) {
      // NFKC: full-width digits and letters become ASCII.
      for (const char of symbol.text.normalize('NFKC')) {
        if (/\s/.test(char)) continue;
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

const ERA_BIRTH = /(明治|大正|昭和|平成|令和)(元|\d{1,2})年(\d{1,2})月(\d{1,2})日生/gu;
// A 4-digit year right after an era name (「昭和1959年」) is a misread, not a Western date.
const WESTERN_BIRTH = /(?<![\d治正和成])(\d{4})年(\d{1,2})月(\d{1,2})日生/gu;
const EXPIRY = /(?<!\d)(\d{4})年(\d{1,2})月(\d{1,2})日まで有効/gu;
// The 16-character code then the 4-digit group. The code only anchors the group, so OCR may
// misread, drop or add a few of its characters (12–24 letters or digits).
const CODE_PAIR = /(?<![0-9A-Za-z])([0-9A-Za-z]{12,24}) (\d{4})(?![0-9A-Za-z])/gu;
const CODE_ANCHOR = /(?<![0-9A-Za-z])[0-9A-Za-z]{12,24}(?![0-9A-Za-z])/u;
const FOUR_DIGITS = /^(\d{4})$/u;

interface Candidate<T> {
  value: T;
  key: string;
  confidence: number;
}

/** One distinct value wins; two different values are ambiguous; none is not found. */
function single<T>(candidates: Candidate<T>[]): 'none' | 'ambiguous' | Candidate<T> {
  if (candidates.length === 0) return 'none';
  const keys = new Set(candidates.map((candidate) => candidate.key));
  if (keys.size > 1) return 'ambiguous';
  return candidates.reduce((a, b) => (a.confidence <= b.confidence ? a : b));
}

function birthCandidates(lines: ScoredText[]): Candidate<PrintedBirthDate>[] {
  const found: Candidate<PrintedBirthDate>[] = [];
  for (const line of lines) {
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
      // The era name itself counts: a misread era is a wrong year.
      const eraConfidence = Math.min(...line.confidences.slice(eraStart, eraStart + 2));
      found.push({
        value,
        key: JSON.stringify(value),
        confidence: Math.min(eraConfidence, lowestConfidence(line, eraStart, eraStart + match[0].length)),
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
      });
    }
  }
  return found;
}

function expiryCandidates(lines: ScoredText[]): Candidate<CalendarDate>[] {
  const found: Candidate<CalendarDate>[] = [];
  for (const line of lines) {
    for (const match of line.text.matchAll(EXPIRY)) {
      const value = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
      found.push({
        value,
        key: JSON.stringify(value),
        confidence: lowestConfidence(line, match.index, match.index + match[0].length),
      });
    }
  }
  return found;
}

function codeCandidates(lines: ScoredText[], ocrLines: OcrLine[]): Candidate<string>[] {
  const found: Candidate<string>[] = [];
  lines.forEach((line, index) => {
    let paired = false;
    for (const match of line.text.matchAll(CODE_PAIR)) {
      const start = match.index + match[0].length - 4;
      found.push({ value: match[2]!, key: match[2]!, confidence: lowestConfidence(line, start, start + 4) });
      paired = true;
    }
    if (paired || !CODE_ANCHOR.test(line.text) || !ocrLines[index]) return;
    // The layout analysis sometimes splits the 4-digit group into a line of its own: take a lone
    // 4-digit line to the right of the code and level with it.
    const anchorBox = ocrLines[index]!.bbox;
    lines.forEach((other, otherIndex) => {
      const digits = FOUR_DIGITS.exec(other.text);
      if (!digits || otherIndex === index) return;
      const box = ocrLines[otherIndex]!.bbox;
      const height = anchorBox.y1 - anchorBox.y0;
      const level = Math.abs((box.y0 + box.y1) / 2 - (anchorBox.y0 + anchorBox.y1) / 2) < height;
      const beside = box.x0 >= anchorBox.x1 - height && box.x0 - anchorBox.x1 < 4 * height;
      if (level && beside) {
        found.push({ value: digits[1]!, key: digits[1]!, confidence: lowestConfidence(other, 0, 4) });
      }
    });
  });
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
 * candidate lines with the code-line reader (their 16-character code + 4 digits count as well;
 * two different security codes between them are ambiguous).
 */
export function findCardFaceFields(ocrLines: OcrLine[], codeLines: OcrLine[] = []): FieldsRead {
  const lines = ocrLines.map((line) => scoredLine(line, false));
  const birth = single(birthCandidates(lines));
  if (birth === 'none') return { ok: false, failure: 'birth-not-found' };
  if (birth === 'ambiguous') return { ok: false, failure: 'birth-ambiguous' };
  const expiry = single(expiryCandidates(lines));
  if (expiry === 'none') return { ok: false, failure: 'expiry-not-found' };
  if (expiry === 'ambiguous') return { ok: false, failure: 'expiry-ambiguous' };
  const code = single([
    ...codeCandidates(
      ocrLines.map((line) => scoredLine(line, true)),
      ocrLines,
    ),
    ...codeCandidates(
      codeLines.map((line) => scoredLine(line, true)),
      [],
    ),
  ]);
  if (code === 'none') return { ok: false, failure: 'code-not-found' };
  if (code === 'ambiguous') return { ok: false, failure: 'code-ambiguous' };
  return {
    ok: true,
    fields: {
      birth: birth.value,
      expiry: expiry.value,
      securityCode: code.value,
      minConfidence: Math.min(birth.confidence, expiry.confidence, code.confidence),
    },
  };
}
