// The eligibility client as the rest of the kiosk sees it. The composition root gives it the
// config, a logger, a key store and an upstream (HTTPS to the real service or to the simulator);
// everything else — validation, wrong-link refusal, consent gating, cache, outbox, retention —
// happens here.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import type { Clock } from '../clock';
import { KioskError } from '../errors/kiosk-error';
import type { Logger } from '../log/logger';
import { createAnswerCache } from './answer-cache';
import { cacheExpiry, clinicDayEnd, clinicDayOf } from './clinic-day';
import type { EligibilityConfig } from './config';
import type { EligibilityErrorCode } from './errors';
import { createFieldCipher } from './field-cipher';
import { verifiedIdentitySchema, type VerifiedIdentity } from './identity';
import { validateInsuranceCardInput, type FieldProblem, type InsuranceCardInput } from './insurance-number';
import type { KeyStore } from './key-store';
import { findMismatches, outcomeFromAnswer, type EligibilityOutcome } from './outcome';
import { createOutbox, type OutboxEntry, type QueuedConfirmation } from './outbox';
import { openEligibilityStore, type StoreStartReport } from './store';
import { UpstreamError, type EligibilityUpstream } from './upstream';
import { reportUpstreamFailures, type UpstreamFailureReport } from './upstream-failures';
import type {
  ChallengeAnswer,
  DisasterMedicationAnswer,
  DisasterMedicationRequest,
  HealthCheckAnswer,
  MedicationAnswer,
  WireErrorCode,
} from './wire';

/** Thrown by lookUpByInsuranceCard when the typed details are wrong: one problem per field. */
export class InsuranceInputError extends KioskError {
  constructor(readonly problems: FieldProblem[]) {
    super('eligibility.invalid-input', problems.map((p) => `${p.field}:${p.problem}`).join(','));
  }
}

export interface EligibilityService {
  /** What the start-up check of the database found; show staff when `rebuilt`. */
  readonly startReport: StoreStartReport;
  /** A challenge for the card to sign on the PIN path. */
  challenge(): Promise<ChallengeAnswer>;
  /** Confirms eligibility for a verified card holder. Never loses the confirmation: when the
   *  service cannot be reached it is queued and the outcome is 'pending' (source 'queued'). */
  confirm(identity: VerifiedIdentity): Promise<EligibilityOutcome>;
  /** 個別照会 by typed insurance card / 資格確認書 numbers; reuses today's answer unless `refresh`. */
  lookupByInsuranceCard(
    input: InsuranceCardInput,
    options?: { refresh?: boolean; forDay?: string },
  ): Promise<EligibilityOutcome>;
  /** 薬剤情報 of a confirmation, only when the patient consented. */
  medication(requestId: string): Promise<MedicationAnswer>;
  /** 特定健診等情報 of a confirmation, only when the patient consented. */
  healthCheck(requestId: string): Promise<HealthCheckAnswer>;
  /** During a declared disaster only. */
  disasterMedication(
    query: Omit<DisasterMedicationRequest, 'medicalInstitutionCode'>,
  ): Promise<DisasterMedicationAnswer>;
  /** Staff view of one confirmation: queued or delivered, and its outcome. */
  confirmation(requestId: string): { entry: OutboxEntry; outcome?: EligibilityOutcome } | undefined;
  /** Staff list: today's confirmations (since the clinic day began), newest first. */
  todaysConfirmations(limit?: number): Array<{ entry: OutboxEntry; outcome?: EligibilityOutcome }>;
  /** Sends queued confirmations (only those due, unless `force`). */
  flushOutbox(options?: { force?: boolean }): Promise<{ delivered: number; stillQueued: number }>;
  outboxStatus(): { count: number; oldestCreatedAt: number | null };
  /** Tells `listener` of every call to the service that failed (for the metrics); returns the
   *  unsubscribe. A listener must not throw. */
  onUpstreamFailure(listener: (failure: UpstreamFailureReport) => void): () => void;
  /** Deletes personal data older than the retention (and expired cache answers). */
  purge(): { answers: number; confirmations: number };
  close(): void;
}

export interface EligibilityServiceOptions {
  config: EligibilityConfig;
  log: Logger;
  keyStore: KeyStore;
  upstream: EligibilityUpstream;
  /** The process's one clock: the clinic day, cache expiry, consent windows and retention. */
  clock: Clock;
  /** Retry queued confirmations every `outboxRetryMs` and purge hourly. Default true. */
  timers?: boolean;
  /** Called when a confirmation gets its final answer — at once, or later from the outbox — e.g.
   *  to write the clinic's face/ XML and to tell the staff screen. Must not throw. */
  onConfirmed?: (outcome: EligibilityOutcome) => void;
}

const REFUSAL_CODES: Record<WireErrorCode, EligibilityErrorCode | 'kiosk.internal'> = {
  'bad-request': 'kiosk.internal',
  'client-certificate-required': 'eligibility.tls',
  'certificate-invalid': 'eligibility.certificate-invalid',
  'certificate-expired': 'eligibility.certificate-expired',
  'certificate-revoked': 'eligibility.certificate-revoked',
  'challenge-invalid': 'eligibility.signature-invalid',
  'signature-invalid': 'eligibility.signature-invalid',
  'signature-required': 'eligibility.signature-invalid',
  'consent-required': 'eligibility.consent-required',
  'not-in-disaster': 'eligibility.not-in-disaster',
  'unknown-confirmation': 'eligibility.unknown-confirmation',
  internal: 'eligibility.unavailable',
};

function codeOf(error: UpstreamError): EligibilityErrorCode | 'kiosk.internal' {
  switch (error.failure) {
    case 'unavailable':
      return 'eligibility.unavailable';
    case 'tls':
      return 'eligibility.tls';
    case 'bad-answer':
      return 'eligibility.bad-answer';
    case 'refused':
      return error.wireCode ? REFUSAL_CODES[error.wireCode] : 'eligibility.bad-answer';
  }
}

/** Runs an upstream call; its failure becomes a catalogue error. */
async function upstreamCall<T>(log: Logger, operation: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (!(error instanceof UpstreamError)) throw error;
    log.warn('eligibility.upstream-failed', { operation, failure: error.failure, detail: error.detail });
    throw new KioskError(codeOf(error), `${operation}: ${error.detail}`, { cause: error });
  }
}

export function createEligibilityService(options: EligibilityServiceOptions): EligibilityService {
  const { config } = options;
  const log = options.log.child({ component: 'eligibility' });
  const failureListeners = new Set<(failure: UpstreamFailureReport) => void>();
  const upstream = reportUpstreamFailures(options.upstream, (failure) => {
    for (const listener of failureListeners) {
      try {
        listener(failure);
      } catch (error) {
        // Monitoring must not change what the call did: the failure goes on to the caller.
        log.error('eligibility.failure-listener-failed', { error: String(error) });
      }
    }
  });
  const { clock } = options;
  const now = () => clock.date();
  const cipher = createFieldCipher(options.keyStore.loadOrCreateKey());
  const { db, report } = openEligibilityStore({
    path: join(config.dataDir, 'eligibility.db'),
    cipher,
    log,
    clock,
  });
  const cache = createAnswerCache(db, cipher);
  const outbox = createOutbox(db, cipher);
  const retentionMs = config.retentionDays * 86_400_000;
  /** Confirmations being sent right now, so a flush never sends one twice at the same time. */
  const inFlight = new Set<string>();
  let closed = false;

  const birthDigest = (birthDate: string) => cipher.digest('card-birth', birthDate).toString('base64');
  const sexDigest = (sex: string) => cipher.digest('card-sex', sex).toString('base64');
  const cardDigests = (birthDate: string | undefined, sex: string | undefined) => ({
    ...(birthDate ? { birthDate: birthDigest(birthDate) } : {}),
    ...(sex ? { sex: sexDigest(sex) } : {}),
  });

  const notify = (outcome: EligibilityOutcome) => {
    try {
      options.onConfirmed?.(outcome);
    } catch (error) {
      log.error('eligibility.on-confirmed-failed', { error: String(error) });
    }
  };

  /** Sends one queued confirmation; records the outcome or the failure. */
  async function deliver(id: string, queued: QueuedConfirmation): Promise<EligibilityOutcome> {
    inFlight.add(id);
    try {
      const answer = await upstream.confirmByCard(queued.request, id);
      const { birthDate, sex } = queued.card;
      // What the card said, where it was read (the face path); the PIN path has nothing to compare.
      const mismatches = findMismatches(answer.records, {
        birthDate: (date) => birthDate === undefined || birthDigest(date) === birthDate,
        ...(sex !== undefined ? { sex: (recordSex: 'male' | 'female') => sexDigest(recordSex) === sex } : {}),
      });
      const outcome = outcomeFromAnswer({ ...answer, requestId: id }, mismatches, 'service');
      outbox.markDelivered(id, outcome, now());
      notify(outcome);
      if (outcome.status === 'refused')
        log.warn('eligibility.wrong-link', { requestId: id, mismatches: mismatches.join(',') });
      log.info('eligibility.confirmed', { requestId: id, status: outcome.status });
      return outcome;
    } catch (error) {
      if (!(error instanceof UpstreamError)) throw error;
      const code = codeOf(error);
      if (error.failure === 'refused') {
        // A final answer: the service refused this card or signature. Recorded, not retried.
        const outcome: EligibilityOutcome = {
          requestId: id,
          status: 'refused',
          records: [],
          refusal: { code: code === 'kiosk.internal' ? 'eligibility.bad-answer' : code },
          notes: [],
          source: 'service',
          at: now().toISOString(),
        };
        outbox.markDelivered(id, outcome, now());
        notify(outcome);
        log.warn('eligibility.confirmation-refused', { requestId: id, wireCode: error.wireCode });
        return outcome;
      }
      outbox.markFailed(id, `${error.failure}: ${error.detail}`, now().getTime() + config.outboxRetryMs);
      log.warn('eligibility.confirmation-queued', {
        requestId: id,
        failure: error.failure,
        detail: error.detail,
      });
      return {
        requestId: id,
        status: 'pending',
        records: [],
        pendingReason: code === 'kiosk.internal' ? 'eligibility.bad-answer' : code,
        notes: [],
        source: 'queued',
        at: now().toISOString(),
      };
    } finally {
      inFlight.delete(id);
    }
  }

  async function flushOutbox(flush: { force?: boolean } = {}) {
    let delivered = 0;
    for (const entry of outbox.due(now(), flush.force ?? false)) {
      if (closed) break;
      if (inFlight.has(entry.id)) continue;
      const outcome = await deliver(entry.id, entry.confirmation);
      if (outcome.source !== 'queued') delivered++;
    }
    return { delivered, stillQueued: outbox.pending().count };
  }

  function purge() {
    const at = now();
    const answers = cache.purge(at, retentionMs);
    const confirmations = outbox.purge(at, retentionMs);
    if (answers + confirmations > 0) log.info('eligibility.purged', { answers, confirmations });
    return { answers, confirmations };
  }

  async function consentedLookUp<T>(
    requestId: string,
    item: 'medication' | 'healthCheck',
    run: (confirmationId: string) => Promise<T>,
  ): Promise<T> {
    const outcome = outbox.result(requestId);
    if (!outcome?.confirmationId) throw new KioskError('eligibility.unknown-confirmation', requestId);
    const expired = !outcome.consentValidUntil || Date.parse(outcome.consentValidUntil) <= now().getTime();
    if (!outcome.consent?.[item] || expired) {
      log.info('eligibility.consent-missing', { requestId, item, expired });
      throw new KioskError('eligibility.consent-required', item);
    }
    return upstreamCall(log, item, () => run(outcome.confirmationId!));
  }

  purge();
  const timers =
    options.timers === false
      ? []
      : [
          setInterval(
            () =>
              void flushOutbox().catch((error) =>
                log.error('eligibility.flush-failed', { error: String(error) }),
              ),
            config.outboxRetryMs,
          ),
          setInterval(purge, 3_600_000),
        ];
  for (const timer of timers) timer.unref();

  return {
    startReport: report,

    challenge: () => upstreamCall(log, 'challenge', () => upstream.createChallenge(randomUUID())),

    async confirm(identity) {
      const parsed = verifiedIdentitySchema.safeParse(identity);
      if (!parsed.success) {
        throw new KioskError(
          'eligibility.identity-invalid',
          parsed.error.issues.map((i) => i.path.join('.')).join(','),
        );
      }
      const id = randomUUID();
      const queued: QueuedConfirmation = {
        request: {
          medicalInstitutionCode: config.medicalInstitutionCode,
          method: parsed.data.method,
          authCertificate: parsed.data.authCertificatePem,
          ...(parsed.data.pinSignature ? { pinSignature: parsed.data.pinSignature } : {}),
          consent: parsed.data.consent,
        },
        card: cardDigests(parsed.data.cardBirthDate, parsed.data.cardSex),
      };
      // Committed (synchronous = FULL) before anything is sent: from here on it cannot be lost.
      outbox.enqueue(id, queued, now());
      return deliver(id, queued);
    },

    async lookupByInsuranceCard(input, lookup = {}) {
      const validated = validateInsuranceCardInput(input, clock.today());
      if (!validated.ok) throw new InsuranceInputError(validated.problems);
      const query = validated.value;
      const key = cipher.digest(
        'insurance',
        query.insurerNumber,
        query.symbol ?? '',
        query.number,
        query.branch ?? '',
        query.birthDate,
      );
      if (!lookup.refresh) {
        const cached = cache.get(key, now());
        if (cached) return cached;
      }
      const requestId = randomUUID();
      const answer = await upstreamCall(log, 'lookup', () =>
        upstream.lookupByInsuranceCard(
          { medicalInstitutionCode: config.medicalInstitutionCode, ...query },
          requestId,
        ),
      );
      // A record for another birth date than the one typed is someone else's: refused.
      const mismatches = findMismatches(answer.records, { birthDate: (date) => date === query.birthDate });
      const outcome = outcomeFromAnswer({ ...answer, requestId }, mismatches, 'service');
      if (outcome.status !== 'pending') {
        const storedAt = now();
        cache.put(key, 'insurance', outcome, storedAt, cacheExpiry(storedAt, lookup.forDay, config.cache));
      }
      log.info('eligibility.looked-up', { requestId, status: outcome.status });
      return outcome;
    },

    medication: (requestId) =>
      consentedLookUp(requestId, 'medication', (confirmationId) =>
        upstream.medication(confirmationId, randomUUID()),
      ),
    healthCheck: (requestId) =>
      consentedLookUp(requestId, 'healthCheck', (confirmationId) =>
        upstream.healthCheck(confirmationId, randomUUID()),
      ),

    disasterMedication: (query) =>
      upstreamCall(log, 'disaster-medication', () =>
        upstream.disasterMedication(
          { medicalInstitutionCode: config.medicalInstitutionCode, ...query },
          randomUUID(),
        ),
      ),

    confirmation(requestId) {
      const entry = outbox.entry(requestId);
      if (!entry) return undefined;
      const outcome = outbox.result(requestId);
      return outcome ? { entry, outcome } : { entry };
    },

    todaysConfirmations(limit = 200) {
      const dayStart = clinicDayEnd(clinicDayOf(now(), config.cache), config.cache) - 86_400_000;
      return outbox.list(dayStart, limit);
    },

    flushOutbox,
    outboxStatus: () => outbox.pending(),
    onUpstreamFailure(listener) {
      failureListeners.add(listener);
      return () => void failureListeners.delete(listener);
    },
    purge,

    close() {
      closed = true;
      for (const timer of timers) clearInterval(timer);
      db.close();
    },
  };
}
