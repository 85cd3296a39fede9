// Catalogue entries of the card-face reader (merged into electron/errors/catalogue.ts).
import type { CatalogueEntry } from '../errors/entry';

const PIN_OR_STAFF = {
  ja: 'カードの表面を読み取れませんでした。暗証番号で本人確認するか、受付の職員にお声がけください。',
  en: 'We could not read the front of your card. Please use your PIN, or ask the reception staff.',
};

export const cardFaceErrorEntries = {
  'card-face.re-place': {
    patient: {
      ja: 'カードの表面を読み取れませんでした。カードを表向きにして、置き直してください。',
      en: 'We could not read the front of your card. Please place it again, face up.',
    },
    staff: 'The card front could not be read reliably; the patient was asked to place the card again.',
    log: 'card face refused by the gate; asked to re-place',
  },
  'card-face.use-pin-or-staff': {
    patient: PIN_OR_STAFF,
    staff:
      'The card front could not be read after the allowed placements; the patient was offered the PIN path or staff.',
    log: 'card face refused after all placements',
  },
  'card-face.western-date-unsupported': {
    patient: PIN_OR_STAFF,
    staff:
      'This card prints the birth date in Western years; the kiosk is configured not to form 照合番号B from it. Use the PIN path or key 照合番号B in on the staff side.',
    log: 'western-dated birth date refused by policy',
  },
  'card-face.tries-low': {
    patient: {
      ja: 'このカードは窓口で確認します。受付の職員にお声がけください。',
      en: 'This card needs to be checked at the desk. Please ask the reception staff.',
    },
    staff: 'The card has few 照合番号B tries left; the kiosk did not try. Check the card at the desk.',
    log: 'card-surface tries below the configured minimum; no VERIFY sent',
  },
  'card-face.rejected-by-card': {
    patient: PIN_OR_STAFF,
    staff:
      'The card rejected the 照合番号B read from its front (one try used). The kiosk does not retry; use the PIN path or check at the desk.',
    log: 'card-surface VERIFY rejected',
  },
  'card-face.blocked': {
    patient: {
      ja: 'このカードは券面確認がロックされています。受付の職員にお声がけください。',
      en: 'Your card’s front check is locked. Please ask the reception staff.',
    },
    staff: 'The card-surface 照合番号B is blocked; the patient must have it reset at the municipality.',
    log: 'card-surface VERIFY blocked',
  },
  'card-face.camera-unavailable': {
    patient: PIN_OR_STAFF,
    staff: 'The card-tray camera did not deliver frames; check the configured camera device.',
    log: 'card-tray camera delivered no usable frames',
  },
  'card-face.ocr-unavailable': {
    patient: PIN_OR_STAFF,
    staff:
      'The card-face reader could not start its OCR engine (models or language data missing or damaged); IT: run uketsuke doctor (its OCR data line).',
    log: 'OCR engine could not start',
  },
  'card-face.staff-entry-invalid': {
    patient: {
      ja: '職員が確認しています。しばらくお待ちください。',
      en: 'Staff are checking. Please wait a moment.',
    },
    staff:
      '照合番号B must be 14 digits: birth date as era-year YYMMDD, the card’s expiry year (as on the card), and the 4-digit security code. Nothing was sent to the card.',
    log: 'staff-keyed 照合番号B failed validation; nothing sent',
  },
  'card-face.staff-entry-expiry-mismatch': {
    patient: {
      ja: '職員が確認しています。しばらくお待ちください。',
      en: 'Staff are checking. Please wait a moment.',
    },
    staff:
      'Digits 7–10 of 照合番号B must be the card’s expiry year, which differs from the chip. Nothing was sent to the card.',
    log: 'staff-keyed 照合番号B expiry year differs from the chip; nothing sent',
  },
  'card-face.staff-entry-rejected': {
    patient: {
      ja: '職員が確認しています。しばらくお待ちください。',
      en: 'Staff are checking. Please wait a moment.',
    },
    staff:
      'The card rejected the 照合番号B typed by staff (one try used). It is not sent again in this session; check the patient against the printed card.',
    log: 'staff-keyed 照合番号B rejected by the card; not resent',
  },
} as const satisfies Record<string, CatalogueEntry>;
