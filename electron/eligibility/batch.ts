// 一括照会: the next day's reservations are checked ahead of time. The CSV is read with per-row
// errors that say what is wrong; valid rows are checked with bounded concurrency and the answers
// land in the cache (valid until the end of the reservation's clinic day).
import { isKioskError } from '../errors/kiosk-error';
import { isCalendarDate, validateInsuranceCardInput, type InsuranceCardInput } from './insurance-number';
import type { EligibilityService } from './service';

export const RESERVATION_COLUMNS = [
  'reservation_id',
  'date',
  'insurer_number',
  'symbol',
  'number',
  'branch',
  'birth_date',
] as const;

export interface Reservation {
  /** 1-based line number in the file, for messages. */
  line: number;
  reservationId: string;
  /** The clinic day of the reservation, YYYY-MM-DD. */
  date: string;
  insurance: InsuranceCardInput;
}

export interface RowError {
  line: number;
  reservationId?: string;
  /** What is wrong, for staff; never the value itself. */
  messages: string[];
}

/** RFC 4180 fields: commas, double quotes, CRLF or LF; a BOM is ignored. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const input = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (quoted) {
      if (c === '"' && input[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  return rows.filter((r) => !(r.length === 1 && r[0] === ''));
}

/** Reads a reservation list. A wrong header is an error of the whole file (null). */
export function readReservations(
  text: string,
  today: string,
): { reservations: Reservation[]; errors: RowError[] } | { headerError: string } {
  const [header, ...rows] = parseCsv(text);
  const names = (header ?? []).map((name) => name.trim().toLowerCase());
  const missing = RESERVATION_COLUMNS.filter((column) => !names.includes(column));
  if (!header || missing.length > 0) {
    return {
      headerError: `the header must name the columns ${RESERVATION_COLUMNS.join(',')}; missing: ${missing.join(',')}`,
    };
  }
  const at = (row: string[], column: (typeof RESERVATION_COLUMNS)[number]) =>
    (row[names.indexOf(column)] ?? '').trim();
  const reservations: Reservation[] = [];
  const errors: RowError[] = [];
  rows.forEach((row, index) => {
    const line = index + 2;
    const reservationId = at(row, 'reservation_id');
    const messages: string[] = [];
    if (row.length !== names.length)
      messages.push(`has ${row.length} fields, the header has ${names.length}`);
    if (reservationId === '') messages.push('reservation_id is missing');
    const date = at(row, 'date');
    if (!isCalendarDate(date)) {
      messages.push('date is not a date (YYYY-MM-DD)');
    }
    const symbol = at(row, 'symbol');
    const branch = at(row, 'branch');
    const validated = validateInsuranceCardInput(
      {
        insurerNumber: at(row, 'insurer_number'),
        ...(symbol ? { symbol } : {}),
        number: at(row, 'number'),
        ...(branch ? { branch } : {}),
        birthDate: at(row, 'birth_date'),
      },
      today,
    );
    if (!validated.ok) messages.push(...validated.problems.map((problem) => problem.message));
    if (messages.length > 0 || !validated.ok) {
      errors.push({ line, ...(reservationId ? { reservationId } : {}), messages });
    } else {
      reservations.push({ line, reservationId, date, insurance: validated.value });
    }
  });
  return { reservations, errors };
}

export type BatchRowResult =
  | { reservationId: string; line: number; status: string }
  | { reservationId: string; line: number; status: 'failed'; code: string };

export interface BatchSummary {
  total: number;
  valid: number;
  invalid: number;
  notFound: number;
  multiple: number;
  pending: number;
  refused: number;
  failed: number;
}

export function summarise(results: readonly BatchRowResult[]): BatchSummary {
  const count = (test: (status: string) => boolean) => results.filter((r) => test(r.status)).length;
  return {
    total: results.length,
    valid: count((s) => s === 'valid'),
    invalid: count((s) => s === 'invalid' || s === 'invalid-newer-record'),
    notFound: count((s) => s === 'not-found'),
    multiple: count((s) => s === 'multiple'),
    pending: count((s) => s === 'pending'),
    refused: count((s) => s === 'refused'),
    failed: count((s) => s === 'failed'),
  };
}

/** Checks every reservation, at most `concurrency` at a time; a failed row never stops the others. */
export async function checkReservations(
  service: Pick<EligibilityService, 'lookupByInsuranceCard'>,
  reservations: readonly Reservation[],
  options: { concurrency: number; onProgress?: (done: number, total: number) => void },
): Promise<BatchRowResult[]> {
  const results: BatchRowResult[] = new Array(reservations.length);
  let next = 0;
  let done = 0;
  async function worker() {
    while (next < reservations.length) {
      const index = next++;
      const reservation = reservations[index]!;
      try {
        const outcome = await service.lookupByInsuranceCard(reservation.insurance, {
          refresh: true,
          forDay: reservation.date,
        });
        results[index] = {
          reservationId: reservation.reservationId,
          line: reservation.line,
          status: outcome.status,
        };
      } catch (error) {
        const code = isKioskError(error) ? error.code : 'kiosk.internal';
        results[index] = {
          reservationId: reservation.reservationId,
          line: reservation.line,
          status: 'failed',
          code,
        };
      }
      options.onProgress?.(++done, reservations.length);
    }
  }
  await Promise.all(Array.from({ length: Math.min(options.concurrency, reservations.length) }, worker));
  return results;
}
