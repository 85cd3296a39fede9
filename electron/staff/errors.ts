// Catalogue entries of staff accounts, the staff console and the visual check.
import type { CatalogueEntry } from '../errors/entry';

const SEE_STAFF = {
  ja: '職員が対応します。しばらくお待ちください。',
  en: 'A member of staff will help you. Please wait a moment.',
};

export const staffErrorEntries = {
  'staff.login-failed': {
    patient: SEE_STAFF,
    staff: 'The name or passcode is wrong. Three wrong passcodes in a row lock the account.',
    log: 'staff log-in refused: wrong name or passcode',
  },
  'staff.locked': {
    patient: SEE_STAFF,
    staff: 'This account is locked after three wrong passcodes. IT or an administrator must unlock it.',
    log: 'staff log-in refused: account locked',
  },
  'staff.not-signed-in': {
    patient: SEE_STAFF,
    staff: 'You are not logged in, or you were logged out after a while without activity.',
    log: 'staff request without a valid session',
  },
  'staff.csrf': {
    patient: SEE_STAFF,
    staff: 'The request did not come from this console page; log in again.',
    log: 'staff request with a missing or wrong CSRF token',
  },
  'staff.forbidden': {
    patient: SEE_STAFF,
    staff: 'Your role does not allow this.',
    log: 'staff request refused for the role',
  },
  'staff.account-invalid': {
    patient: SEE_STAFF,
    staff: 'The account details are not valid (name 1–64 characters; passcode 6–64 characters).',
    log: 'staff account details failed validation',
  },
  'staff.account-exists': {
    patient: SEE_STAFF,
    staff: 'An account with this name already exists.',
    log: 'staff account name taken',
  },
  'staff.unknown-account': {
    patient: SEE_STAFF,
    staff: 'There is no account with this name.',
    log: 'no such staff account',
  },
  'staff.batch-invalid': {
    patient: SEE_STAFF,
    staff: 'The reservation list could not be read: its header must name the required columns.',
    log: 'reservation list refused',
  },
  'staff.batch-unknown': {
    patient: SEE_STAFF,
    staff: 'No such batch check on this terminal.',
    log: 'unknown batch id',
  },
  'staff.visual-check-not-offered': {
    patient: SEE_STAFF,
    staff:
      'The kiosk offers the visual check only while a patient whose card was read waits on the call-staff screen (職員をお呼びしました).',
    log: 'console visual check refused: the kiosk does not offer the staff control now',
  },
  'staff.visual-check-patient-changed': {
    patient: SEE_STAFF,
    staff:
      'The patient at the kiosk has changed since this page was loaded. Reload the kiosk state and check who is there.',
    log: 'console visual check refused: the session the console showed has ended',
  },
} as const satisfies Record<string, CatalogueEntry>;
