// What one catalogue entry holds. A leaf module: each concept's errors.ts imports only this, and
// the catalogue imports those modules — so no entry module imports the catalogue back.
import type { Language } from '../contract';

export interface CatalogueEntry {
  /** Shown to the patient: Japanese and English always, other languages where translated. */
  patient: Partial<Record<Language, string>> & { ja: string; en: string };
  /** Shown to clinic staff on the staff side. */
  staff: string;
  /** Written to the log: precise, never personal. */
  log: string;
}
