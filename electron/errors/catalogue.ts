// The one catalogue of error codes. Each concept keeps its entries in its own module and they are
// merged here, so a code is defined once and every message for it sits beside it.
import { cardFaceErrorEntries } from '../card-face/errors';
import { cardErrorEntries } from '../card/errors';
import { faceErrorEntries } from '../face/errors';
import { healthErrorEntries } from '../health/errors';
import { eligibilityErrorEntries } from '../eligibility/errors';
import { receptionErrorEntries } from '../reception/errors';
import type { CatalogueEntry } from './entry';
import { staffErrorEntries } from '../staff/errors';

export type { CatalogueEntry } from './entry';

const kioskEntries = {
  'kiosk.bad-request': {
    patient: {
      ja: '操作を受け付けられませんでした。もう一度お試しください。',
      en: 'That did not work. Please try again.',
    },
    staff: 'The kiosk screen sent a request the trusted side refused.',
    log: 'request failed validation',
  },
  'kiosk.unknown-channel': {
    patient: {
      ja: '操作を受け付けられませんでした。もう一度お試しください。',
      en: 'That did not work. Please try again.',
    },
    staff: 'The kiosk screen asked for an operation that does not exist.',
    log: 'unknown channel',
  },
  'kiosk.internal': {
    patient: {
      ja: 'ただいま処理できません。受付の職員にお声がけください。',
      en: 'Something went wrong. Please ask the reception staff.',
    },
    staff: 'An unexpected error occurred; see the terminal log.',
    log: 'unexpected error',
  },
  'config.invalid': {
    patient: {
      ja: 'この端末は現在ご利用いただけません。受付の職員にお声がけください。',
      en: 'This terminal is not available. Please ask the reception staff.',
    },
    staff: 'The terminal configuration is invalid; IT must correct it.',
    log: 'configuration failed validation',
  },
  'config.not-provisioned': {
    patient: {
      ja: 'この端末は現在ご利用いただけません。受付の職員にお声がけください。',
      en: 'This terminal is not available. Please ask the reception staff.',
    },
    staff: 'This terminal has not been set up; IT must run `uketsuke provision`.',
    log: 'terminal not provisioned: run `uketsuke provision --data-dir DIR` (docs/it.md)',
  },
} as const satisfies Record<string, CatalogueEntry>;

export const catalogue = {
  ...kioskEntries,
  ...cardFaceErrorEntries,
  ...cardErrorEntries,
  ...faceErrorEntries,
  ...eligibilityErrorEntries,
  ...receptionErrorEntries,
  ...staffErrorEntries,
  ...healthErrorEntries,
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof catalogue;
