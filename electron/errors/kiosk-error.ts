// Errors are values with a code from one catalogue. A thrown KioskError carries only its code and
// optional log detail that is safe to log (never personal data, PINs, photos or frames).
import type { KioskErrorView, Language } from '../contract';
import { catalogue, type CatalogueEntry, type ErrorCode } from './catalogue';

export class KioskError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** Extra, non-personal detail for the log (status words, lengths, channel names). */
    readonly logDetail?: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${catalogue[code].log}${logDetail ? ` (${logDetail})` : ''}`, options);
    this.name = 'KioskError';
  }
}

export function isKioskError(error: unknown): error is KioskError {
  return error instanceof KioskError;
}

/** The renderer-safe view of an error: its code and the patient's message in every language. */
export function toErrorView(code: ErrorCode): KioskErrorView {
  const entry = catalogue[code];
  return { code, patientMessage: entry.patient };
}

export function patientMessage(code: ErrorCode, language: Language): string {
  const message: CatalogueEntry['patient'] = catalogue[code].patient;
  return message[language] ?? message.en;
}
