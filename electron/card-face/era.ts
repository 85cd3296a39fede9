// Japanese era dates as printed on the card front, and the era-year YYMMDD that 照合番号B starts with.
// Calendar facts: ../shared/domain/card.md §1.6 (era starts, 元年, the boundary test vectors).

export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

export type EraName = 'meiji' | 'taisho' | 'showa' | 'heisei' | 'reiwa';

interface EraDefinition {
  name: EraName;
  kanji: string;
  /** First day of the era (Gregorian). */
  start: CalendarDate;
  /** Era year = Gregorian year − offset. */
  offset: number;
}

// Newest first, so the first era whose start is on or before a date is that date's era.
const ERAS: readonly EraDefinition[] = [
  { name: 'reiwa', kanji: '令和', start: { year: 2019, month: 5, day: 1 }, offset: 2018 },
  { name: 'heisei', kanji: '平成', start: { year: 1989, month: 1, day: 8 }, offset: 1988 },
  { name: 'showa', kanji: '昭和', start: { year: 1926, month: 12, day: 25 }, offset: 1925 },
  { name: 'taisho', kanji: '大正', start: { year: 1912, month: 7, day: 30 }, offset: 1911 },
  { name: 'meiji', kanji: '明治', start: { year: 1868, month: 1, day: 25 }, offset: 1867 },
];

export const ERA_KANJI: Readonly<Record<EraName, string>> = Object.fromEntries(
  ERAS.map((era) => [era.name, era.kanji]),
) as Record<EraName, string>;

export function eraNameFromKanji(kanji: string): EraName | undefined {
  return ERAS.find((era) => era.kanji === kanji)?.name;
}

function compare(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

export function isRealDate(date: CalendarDate): boolean {
  const { year, month, day } = date;
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

export function parseIsoDate(iso: string): CalendarDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return isRealDate(date) ? date : undefined;
}

export interface EraDate {
  era: EraName;
  /** 1 for 元年. */
  eraYear: number;
  month: number;
  day: number;
}

/** The era a Gregorian date falls in, or undefined before Meiji. */
export function toEraDate(date: CalendarDate): EraDate | undefined {
  const era = ERAS.find((candidate) => compare(candidate.start, date) <= 0);
  if (!era) return undefined;
  return { era: era.name, eraYear: date.year - era.offset, month: date.month, day: date.day };
}

/**
 * The Gregorian date an era date names, or undefined when it names no day of that era
 * (平成31年5月1日 and 昭和64年1月8日 do not exist; neither does 2月30日).
 */
export function fromEraDate(eraDate: EraDate): CalendarDate | undefined {
  const index = ERAS.findIndex((candidate) => candidate.name === eraDate.era);
  const era = ERAS[index];
  if (!era || eraDate.eraYear < 1) return undefined;
  const date = { year: eraDate.eraYear + era.offset, month: eraDate.month, day: eraDate.day };
  if (!isRealDate(date) || compare(date, era.start) < 0) return undefined;
  const next = ERAS[index - 1];
  if (next && compare(date, next.start) >= 0) return undefined;
  return date;
}

function twoDigits(value: number): string {
  return String(value).padStart(2, '0');
}

/** YYMMDD with the era year, as 照合番号B and the birth-date key expect it. */
export function eraYymmdd(eraDate: EraDate): string {
  return `${twoDigits(eraDate.eraYear)}${twoDigits(eraDate.month)}${twoDigits(eraDate.day)}`;
}

/** How the card prints it: 「昭和59年 4月30日」, year 1 as 「元年」, one-digit month/day space-padded. */
export function formatEraDate(eraDate: EraDate): string {
  const year = eraDate.eraYear === 1 ? '元' : String(eraDate.eraYear);
  const pad = (value: number): string => String(value).padStart(2, ' ');
  return `${ERA_KANJI[eraDate.era]}${year}年${pad(eraDate.month)}月${pad(eraDate.day)}日`;
}

export function formatWesternDate(date: CalendarDate): string {
  const pad = (value: number): string => String(value).padStart(2, ' ');
  return `${date.year}年${pad(date.month)}月${pad(date.day)}日`;
}
