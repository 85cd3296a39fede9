// Errors are values with a code from one catalogue. A thrown KioskError carries only its code and
// optional log detail that is safe to log (never personal data, PINs, photos or frames).
import type { KioskErrorView, Language } from '../contract';
import { textInEveryLanguage } from '../../i18n';
import { catalogue, type ErrorCode } from './catalogue';

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

/**
 * The renderer-safe view of an error: its code and the patient's message in every language, from the
 * language catalogues (i18n/catalogues/, key `error.<code>`). A code not yet translated there shows
 * the module's own ja/en text; i18n/catalogues.test.ts names every such code and language.
 */
export function toErrorView(code: ErrorCode): KioskErrorView {
  return { code, patientMessage: textInEveryLanguage(`error.${code}`, catalogue[code].patient) };
}

export function patientMessage(code: ErrorCode, language: Language): string {
  return toErrorView(code).patientMessage[language];
}
