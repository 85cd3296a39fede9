// The gate before any VERIFY: 照合番号B is released only when enough independent reads give the
// same digits, every digit clears the confidence floor, the dates are plausible, and the printed
// expiry year equals the chip's own. Anything less is a refusal with a reason; nothing is guessed.
import { birthYymmdd, composeCollationNumberB, type CollationNumberB } from './collation-number';
import type { CardFaceConfig } from './config';
import { fromEraDate, isRealDate, type CalendarDate } from './era';
import type { CardFaceFields, FieldsRead } from './fields';

export type GateRefusal =
  /** No card-shaped object in the frames. */
  | 'no-card'
  /** The face is too blurred, dark or noisy to read (refused before or right after the first read). */
  | 'face-unreadable'
  /** Fewer reads than required found all three fields. */
  | 'fields-not-found'
  /** A digit was read below the confidence floor. */
  | 'low-confidence'
  /** Two complete reads gave different digits. */
  | 'reads-disagree'
  /** The birth date or expiry cannot be a real card's. */
  | 'implausible-date'
  /** The printed expiry year differs from the chip's. */
  | 'expiry-mismatch'
  /** A Western-dated birth date and the policy says not to form 照合番号B from it. */
  | 'western-date-unsupported';

export type GateResult =
  { ok: true; collationNumber: CollationNumberB } | { ok: false; refusal: GateRefusal };

/** What the card driver read from the chip without any secret. */
export interface ChipFacts {
  /** The card's expiry year (MF GET DATA 00F2 / 共通AP). */
  expiryYear: number;
}

type GateConfig = Pick<
  CardFaceConfig,
  'confidenceFloor' | 'readsRequired' | 'westernBirthDate' | 'requireExpiryOnBirthday'
>;

/**
 * The era name must be the recogniser's most likely reading (PaddleOCR's Chinese-first model
 * spreads 令 over 今, 合, 分 …), but it is not held to the digits' floor: it is no part of
 * 照合番号B (YY is the era year as printed), and the agreeing reads must still name the same era.
 */
export const ERA_NAME_FLOOR = 50;

function compare(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

function gregorianBirth(fields: CardFaceFields): CalendarDate | undefined {
  const birth = fields.birth;
  if (birth.calendar === 'era') return fromEraDate(birth);
  return isRealDate(birth) ? { year: birth.year, month: birth.month, day: birth.day } : undefined;
}

/** Dates a real, currently usable card could carry. */
export function plausibleDates(
  fields: CardFaceFields,
  today: CalendarDate,
  requireExpiryOnBirthday: boolean,
): boolean {
  const birth = gregorianBirth(fields);
  if (!birth || !isRealDate(fields.expiry)) return false;
  if (compare(birth, today) > 0 || today.year - birth.year > 125) return false;
  // Cards live at most 10 years (plus the months before the 10th birthday).
  if (fields.expiry.year < today.year - 1 || fields.expiry.year > today.year + 11) return false;
  if (fields.expiry.year - birth.year < 1) return false;
  // Japanese nationals' cards expire on a birthday (card.md §4); foreign residents' at the end of
  // their stay, so the rule is not applied to Western-dated cards. 29 Feb may expire on 28 Feb or 1 Mar.
  if (requireExpiryOnBirthday && fields.birth.calendar === 'era') {
    const sameDay = fields.expiry.month === birth.month && fields.expiry.day === birth.day;
    const leapDay =
      birth.month === 2 &&
      birth.day === 29 &&
      ((fields.expiry.month === 2 && fields.expiry.day === 28) ||
        (fields.expiry.month === 3 && fields.expiry.day === 1));
    if (!sameDay && !leapDay) return false;
  }
  return true;
}

function sameFields(a: CardFaceFields, b: CardFaceFields): boolean {
  return (
    JSON.stringify(a.birth) === JSON.stringify(b.birth) &&
    compare(a.expiry, b.expiry) === 0 &&
    a.securityCode === b.securityCode
  );
}

/**
 * Decides on a set of reads of the same card placement. Enough reads must clear the confidence
 * floor, and any two complete reads that disagree refuse the lot: a majority vote could still
 * pick a misread.
 */
export function gateReads(
  reads: readonly FieldsRead[],
  chip: ChipFacts,
  config: GateConfig,
  today: CalendarDate,
): GateResult {
  const complete = reads.flatMap((read) => (read.ok ? [read.fields] : []));
  const first = complete[0];
  if (complete.some((fields) => first && !sameFields(first, fields))) {
    return { ok: false, refusal: 'reads-disagree' };
  }
  const confident = complete.filter(
    (fields) =>
      fields.minConfidence >= config.confidenceFloor && (fields.eraConfidence ?? 100) >= ERA_NAME_FLOOR,
  );
  if (!first || confident.length < config.readsRequired) {
    const refusal = complete.length >= config.readsRequired ? 'low-confidence' : 'fields-not-found';
    return { ok: false, refusal };
  }
  if (!plausibleDates(first, today, config.requireExpiryOnBirthday)) {
    return { ok: false, refusal: 'implausible-date' };
  }
  if (first.expiry.year !== chip.expiryYear) return { ok: false, refusal: 'expiry-mismatch' };
  const birthDigits = birthYymmdd(first.birth, config.westernBirthDate);
  if (birthDigits === undefined) return { ok: false, refusal: 'western-date-unsupported' };
  return {
    ok: true,
    collationNumber: composeCollationNumberB(birthDigits, first.expiry.year, first.securityCode),
  };
}
