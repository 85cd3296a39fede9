// What the eligibility client answers, and the check that refuses a record which does not belong
// to the person in front of the kiosk (紐付け誤り, eligibility.md §6).
import type { EligibilityErrorCode } from './errors';
import type { Consent, EligibilityStatus, QualificationAnswer, QualificationRecord } from './wire';

export type Mismatch = 'birthDate' | 'sex';

export interface EligibilityOutcome {
  /** Our request id: the idempotency key, and the handle staff use for follow-up look-ups. */
  requestId: string;
  /** 'refused' means nothing from the answer may be shown as valid; see `refusal`. */
  status: EligibilityStatus | 'refused';
  records: QualificationRecord[];
  refusal?: { code: EligibilityErrorCode; mismatches?: Mismatch[] };
  /** The code to show staff while a confirmation waits in the outbox. */
  pendingReason?: EligibilityErrorCode;
  confirmationId?: string;
  consent?: Consent;
  consentValidUntil?: string;
  notes: string[];
  /** service: asked just now; cache: reused from today; queued: waiting in the outbox. */
  source: 'service' | 'cache' | 'queued';
  /** When the service processed it, or when it was queued. ISO 8601. */
  at: string;
}

/** Compares every returned record with what the card (or the typed query) says. */
export function findMismatches(
  records: readonly QualificationRecord[],
  expected: { birthDate: (date: string) => boolean; sex?: (sex: 'male' | 'female') => boolean },
): Mismatch[] {
  const found = new Set<Mismatch>();
  for (const record of records) {
    if (!expected.birthDate(record.birthDate)) found.add('birthDate');
    // 'unset' (Sex 3 未設定) cannot contradict the card.
    if (expected.sex && record.sex !== 'unset' && !expected.sex(record.sex)) found.add('sex');
  }
  return [...found].sort();
}

export function outcomeFromAnswer(
  answer: QualificationAnswer,
  mismatches: Mismatch[],
  source: EligibilityOutcome['source'],
): EligibilityOutcome {
  const common = { requestId: answer.requestId, notes: answer.notes, source, at: answer.processedAt };
  if (mismatches.length > 0) {
    // The other person's record is dropped here: staff see why, never whose.
    return {
      ...common,
      status: 'refused',
      records: [],
      refusal: { code: 'eligibility.wrong-link', mismatches },
    };
  }
  return {
    ...common,
    status: answer.status,
    records: answer.records,
    ...(answer.confirmationId ? { confirmationId: answer.confirmationId } : {}),
    ...(answer.consent ? { consent: answer.consent } : {}),
    ...(answer.consentValidUntil ? { consentValidUntil: answer.consentValidUntil } : {}),
  };
}
