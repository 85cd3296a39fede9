// What each screen may see of an eligibility outcome. The patient sees name, kana and birth date
// only for a valid record (as the real readers show them), and otherwise what to do next; staff
// see the records, and for a refusal or a queued confirmation, why — never another person's
// record. Both views are plain data, safe to send to the renderer.
import type { Language } from '../contract';
import { catalogue, type CatalogueEntry, type ErrorCode } from '../errors/catalogue';
import type { EligibilityOutcome, Mismatch } from './outcome';
import type { Consent, EligibilityStatus, QualificationRecord } from './wire';

type PatientMessage = CatalogueEntry['patient'];

export interface EligibilityPatientView {
  /** confirmed: go ahead; pending: checked in, confirmed later; see-staff: the message says why. */
  result: 'confirmed' | 'pending' | 'see-staff';
  /** For the patient to check it is them (valid answers only). */
  person?: { name: string; nameKana: string; birthDate: string };
  code?: ErrorCode;
  message?: PatientMessage;
}

export interface EligibilityStaffView {
  requestId: string;
  status: EligibilityStatus | 'refused';
  statusLabel: string;
  at: string;
  source: EligibilityOutcome['source'];
  records: QualificationRecord[];
  /** Why it was refused or is waiting, and what to do. */
  problem?: { code: ErrorCode; staffMessage: string; mismatches?: Mismatch[] };
  consent?: Consent;
  consentValidUntil?: string;
  notes: string[];
}

const STATUS_LABELS: Record<EligibilityStaffView['status'], string> = {
  valid: '有効',
  invalid: '無効',
  'invalid-newer-record': '無効（新しい資格あり）',
  'not-found': '該当資格なし',
  multiple: '複数該当',
  pending: '処理中',
  refused: '照会拒否',
};

const STATUS_CODES: Partial<Record<EligibilityStaffView['status'], ErrorCode>> = {
  invalid: 'eligibility.status-invalid',
  'invalid-newer-record': 'eligibility.status-invalid',
  'not-found': 'eligibility.status-not-found',
  multiple: 'eligibility.status-multiple',
  pending: 'eligibility.status-pending',
};

/** The code that explains an outcome that is not plainly valid. */
function problemCode(outcome: EligibilityOutcome): ErrorCode | undefined {
  return outcome.refusal?.code ?? outcome.pendingReason ?? STATUS_CODES[outcome.status];
}

export function toPatientView(outcome: EligibilityOutcome): EligibilityPatientView {
  const record = outcome.records[0];
  if (outcome.status === 'valid' && record) {
    return {
      result: 'confirmed',
      person: { name: record.name, nameKana: record.nameKana, birthDate: record.birthDate },
    };
  }
  // A queued confirmation and 処理中 both mean: checked in, eligibility follows.
  const code =
    outcome.status === 'pending' ? 'eligibility.status-pending' : (problemCode(outcome) ?? 'kiosk.internal');
  return {
    result: outcome.status === 'pending' ? 'pending' : 'see-staff',
    code,
    message: catalogue[code].patient,
  };
}

export function toStaffView(outcome: EligibilityOutcome): EligibilityStaffView {
  const code = problemCode(outcome);
  return {
    requestId: outcome.requestId,
    status: outcome.status,
    statusLabel: STATUS_LABELS[outcome.status],
    at: outcome.at,
    source: outcome.source,
    records: outcome.records,
    ...(code
      ? {
          problem: {
            code,
            staffMessage: catalogue[code].staff,
            ...(outcome.refusal?.mismatches ? { mismatches: outcome.refusal.mismatches } : {}),
          },
        }
      : {}),
    ...(outcome.consent ? { consent: outcome.consent } : {}),
    ...(outcome.consentValidUntil ? { consentValidUntil: outcome.consentValidUntil } : {}),
    notes: outcome.notes,
  };
}

export function patientText(view: EligibilityPatientView, language: Language): string | undefined {
  return view.message ? (view.message[language] ?? view.message.en) : undefined;
}
