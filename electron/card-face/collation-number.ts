// 照合番号B: birth date as era-year YYMMDD + the card's expiry year YYYY + the 4-digit security
// code (card.md §1.6). A secret: it opens the card-surface AP, and each wrong VERIFY spends one of
// the card's few tries. The value hides itself from logs, JSON and inspection, and is dropped on
// demand (session end).
import { inspect } from 'node:util';
import { eraYymmdd, toEraDate, type CalendarDate, type EraDate } from './era';
import type { WesternBirthDatePolicy } from './config';

export type PrintedBirthDate = ({ calendar: 'era' } & EraDate) | ({ calendar: 'western' } & CalendarDate);

const HIDDEN = '[照合番号B]';

export class CollationNumberB {
  #digits: string | undefined;

  private constructor(digits: string) {
    this.#digits = digits;
  }

  /** The only way in: exactly 14 ASCII digits. */
  static fromDigits(digits: string): CollationNumberB {
    if (!/^\d{14}$/.test(digits)) throw new Error('照合番号B must be 14 digits');
    return new CollationNumberB(digits);
  }

  /** The digits, for the VERIFY command only. Throws once dropped. */
  reveal(): string {
    if (this.#digits === undefined) throw new Error('照合番号B was dropped');
    return this.#digits;
  }

  get dropped(): boolean {
    return this.#digits === undefined;
  }

  /** Forgets the digits (the string itself is left to the garbage collector; JS cannot wipe it). */
  drop(): void {
    this.#digits = undefined;
  }

  /** Compares without revealing; false once either side is dropped. */
  equals(other: CollationNumberB): boolean {
    return this.#digits !== undefined && this.#digits === other.#digits;
  }

  toString(): string {
    return HIDDEN;
  }

  toJSON(): string {
    return HIDDEN;
  }

  [inspect.custom](): string {
    return HIDDEN;
  }
}

function two(value: number): string {
  return String(value).padStart(2, '0');
}

/**
 * The YYMMDD part for a printed birth date, or undefined when the policy does not allow forming
 * it (a Western-dated card while the format is unconfirmed).
 */
export function birthYymmdd(
  birth: PrintedBirthDate,
  westernPolicy: WesternBirthDatePolicy,
): string | undefined {
  if (birth.calendar === 'era') return eraYymmdd(birth);
  switch (westernPolicy) {
    case 'refuse':
      return undefined;
    case 'western-yymmdd':
      return `${two(birth.year % 100)}${two(birth.month)}${two(birth.day)}`;
    case 'era-yymmdd': {
      const eraDate = toEraDate(birth);
      return eraDate ? eraYymmdd(eraDate) : undefined;
    }
  }
}

export function composeCollationNumberB(
  birthDigits: string,
  expiryYear: number,
  securityCode: string,
): CollationNumberB {
  return CollationNumberB.fromDigits(`${birthDigits}${expiryYear}${securityCode}`);
}
