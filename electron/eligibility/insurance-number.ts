// Validation of what staff type from an insurance card or 資格確認書, before anything is sent or
// saved (eligibility.md §5.3). Each problem names its field and says what is wrong.

/** The 2-1 check digit shared by insurer numbers, 公費負担者番号 and 医療機関コード. */
export function checkDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new RangeError('check digit body must be digits');
  let sum = 0;
  // From the rightmost digit, weights 2, 1, 2, 1, …; a two-digit product counts as its digit sum.
  for (let i = 0; i < body.length; i++) {
    const digit = Number(body[body.length - 1 - i]);
    const product = digit * (i % 2 === 0 ? 2 : 1);
    sum += product >= 10 ? product - 9 : product;
  }
  return (10 - (sum % 10)) % 10;
}

export function hasValidCheckDigit(digits: string): boolean {
  if (!/^\d{2,}$/.test(digits)) return false;
  return checkDigit(digits.slice(0, -1)) === Number(digits.slice(-1));
}

/** 医療機関コード: 10 digits, check digit over the first 9. */
export function isValidInstitutionCode(code: string): boolean {
  return /^\d{10}$/.test(code) && hasValidCheckDigit(code);
}

export interface InsuranceCardInput {
  insurerNumber: string;
  symbol?: string | undefined;
  number: string;
  branch?: string | undefined;
  /** YYYY-MM-DD */
  birthDate: string;
}

export type InsuranceField = keyof InsuranceCardInput;

export interface FieldProblem {
  field: InsuranceField;
  problem: 'required' | 'length' | 'characters' | 'check-digit' | 'date';
  /** For staff, in English; never contains the value itself. */
  message: string;
}

export type ValidationResult =
  { ok: true; value: InsuranceCardInput } | { ok: false; problems: FieldProblem[] };

/** Full-width digits, letters and hyphens typed on a Japanese IME become ASCII; spaces are trimmed. */
export function normaliseTyped(text: string): string {
  return text
    .replace(/[\uFF10-\uFF19\uFF21-\uFF3A\uFF41-\uFF5A]/g, (c) =>
      String.fromCharCode(c.charCodeAt(0) - 0xfee0),
    )
    .replace(/[\u2010-\u2015\u2212\uFF0D\u30FC]/g, '-')
    .replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
}

export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export function validateInsuranceCardInput(
  raw: InsuranceCardInput,
  /** The clinic's calendar date (`Clock.today()`, Japan's), not UTC's: a newborn typed at 08:00 JST is not born tomorrow. */
  today: string,
): ValidationResult {
  const problems: FieldProblem[] = [];
  const insurerNumber = normaliseTyped(raw.insurerNumber ?? '');
  const symbol = raw.symbol === undefined ? undefined : normaliseTyped(raw.symbol);
  const number = normaliseTyped(raw.number ?? '');
  const branch = raw.branch === undefined ? undefined : normaliseTyped(raw.branch);
  const birthDate = normaliseTyped(raw.birthDate ?? '');

  if (insurerNumber === '') {
    problems.push({ field: 'insurerNumber', problem: 'required', message: 'Insurer number is missing.' });
  } else if (!/^\d+$/.test(insurerNumber)) {
    problems.push({
      field: 'insurerNumber',
      problem: 'characters',
      message: 'Insurer number may contain digits only.',
    });
  } else if (insurerNumber.length !== 6 && insurerNumber.length !== 8) {
    problems.push({
      field: 'insurerNumber',
      problem: 'length',
      message: `Insurer number has ${insurerNumber.length} digits; it must have 8 (or 6 for 国民健康保険).`,
    });
  } else if (!hasValidCheckDigit(insurerNumber)) {
    problems.push({
      field: 'insurerNumber',
      problem: 'check-digit',
      message: 'Insurer number check digit does not match: a digit was probably mistyped.',
    });
  }

  if (symbol !== undefined && symbol !== '') {
    if ([...symbol].length > 20) {
      problems.push({
        field: 'symbol',
        problem: 'length',
        message: 'Symbol (記号) is longer than 20 characters.',
      });
    } else if ([...symbol].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f)) {
      problems.push({
        field: 'symbol',
        problem: 'characters',
        message: 'Symbol (記号) contains control characters.',
      });
    }
  }

  if (number === '') {
    problems.push({ field: 'number', problem: 'required', message: 'Number (番号) is missing.' });
  } else if (number.length > 20) {
    problems.push({
      field: 'number',
      problem: 'length',
      message: 'Number (番号) is longer than 20 characters.',
    });
  } else if (!/^[0-9A-Za-z-]+$/.test(number)) {
    problems.push({
      field: 'number',
      problem: 'characters',
      message: 'Number (番号) may contain digits, Latin letters and hyphens only.',
    });
  }

  if (branch !== undefined && branch !== '') {
    if (!/^\d+$/.test(branch)) {
      problems.push({
        field: 'branch',
        problem: 'characters',
        message: 'Branch number (枝番) may contain digits only.',
      });
    } else if (branch.length !== 2) {
      problems.push({
        field: 'branch',
        problem: 'length',
        message: 'Branch number (枝番) must have 2 digits.',
      });
    }
  }

  if (birthDate === '') {
    problems.push({ field: 'birthDate', problem: 'required', message: 'Birth date is missing.' });
  } else if (!isCalendarDate(birthDate)) {
    problems.push({
      field: 'birthDate',
      problem: 'date',
      message: 'Birth date is not a calendar date (YYYY-MM-DD).',
    });
  } else if (birthDate > today || birthDate < '1900-01-01') {
    problems.push({
      field: 'birthDate',
      problem: 'date',
      message: 'Birth date is in the future or before 1900.',
    });
  }

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      insurerNumber,
      ...(symbol ? { symbol } : {}),
      number,
      ...(branch ? { branch } : {}),
      birthDate,
    },
  };
}
