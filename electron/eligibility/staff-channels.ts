// What the staff screens may ask of the eligibility client, as channel handlers: the channels and
// payloads are in the staff part of electron/contract.ts, the request schemas in
// electron/ipc/staff-request-schemas.ts; each answer is a view that is safe to send (see views.ts).
// These channels belong behind the staff login; the patient screens never call them — a
// confirmation is started by the trusted reception flow with the identity it holds, never by a
// renderer request.
import type { ConfirmationWarning, StaffRequests, StaffResponses } from '../contract';
import { isKioskError } from '../errors/kiosk-error';
import { staffRequestSchemas } from '../ipc/staff-request-schemas';
import type { EligibilityOutcome } from './outcome';
import type { OutboxEntry } from './outbox';
import { InsuranceInputError, type EligibilityService } from './service';
import { toStaffView } from './views';

/** What staff must look at in one of today's confirmations, in the order the list shows them. */
export function confirmationWarnings(
  entry: OutboxEntry,
  outcome?: EligibilityOutcome,
): ConfirmationWarning[] {
  const warnings: ConfirmationWarning[] = [];
  const status = outcome?.status;
  if (status === 'invalid' || status === 'invalid-newer-record') warnings.push('invalid');
  if (status === 'not-found') warnings.push('not-found');
  if (status === 'multiple') warnings.push('multiple');
  if (outcome?.refusal?.code === 'eligibility.wrong-link') warnings.push('wrong-link');
  if (entry.deliveredAt === null) warnings.push('queued');
  if (entry.method === 'staff-visual') warnings.push('visual-check');
  return warnings;
}

/** The eligibility channels of the staff contract (electron/contract.ts). */
export type EligibilityStaffChannel = Extract<keyof StaffRequests, `staff:eligibility:${string}`>;
export type EligibilityStaffRequests = Pick<StaffRequests, EligibilityStaffChannel>;
export type EligibilityStaffResponses = Pick<StaffResponses, EligibilityStaffChannel>;

export type EligibilityStaffHandlers = {
  [C in EligibilityStaffChannel]: (
    request: EligibilityStaffRequests[C],
  ) => Promise<EligibilityStaffResponses[C]>;
};

/** Handlers for the staff channels. Failures are thrown as KioskError (catalogue codes). */
export function createEligibilityStaffHandlers(service: EligibilityService): EligibilityStaffHandlers {
  return {
    'staff:eligibility:lookup': async ({ refresh, ...input }) => {
      try {
        const outcome = await service.lookupByInsuranceCard(input, refresh ? { refresh } : {});
        return { ok: true, view: toStaffView(outcome) };
      } catch (error) {
        if (error instanceof InsuranceInputError) return { ok: false, problems: error.problems };
        throw error;
      }
    },
    'staff:eligibility:confirmations': async () =>
      service.todaysConfirmations().map(({ entry, outcome }) => ({
        requestId: entry.id,
        createdAt: entry.createdAt,
        attempts: entry.attempts,
        delivered: entry.deliveredAt !== null,
        method: entry.method,
        warnings: confirmationWarnings(entry, outcome),
        ...(outcome ? { view: toStaffView(outcome) } : {}),
      })),
    'staff:eligibility:medication': ({ requestId }) => service.medication(requestId),
    'staff:eligibility:health-checks': ({ requestId }) => service.healthCheck(requestId),
    'staff:eligibility:disaster-medication': (query) => service.disasterMedication(query),
    'staff:eligibility:status': async () => {
      const queue = service.outboxStatus();
      const report = service.startReport;
      return {
        queued: queue.count,
        oldestQueuedAt: queue.oldestCreatedAt,
        storeRebuilt: report.rebuilt,
        recoveredOutbox: report.recoveredOutbox,
        outboxUnreadable: report.outboxUnreadable,
        ...(report.quarantinedPath ? { quarantinedPath: report.quarantinedPath } : {}),
      };
    },
  };
}

/** Validates an untrusted staff-screen request, then runs its handler. */
export async function handleStaffRequest<C extends EligibilityStaffChannel>(
  handlers: EligibilityStaffHandlers,
  channel: C,
  raw: unknown,
): Promise<{ ok: true; value: EligibilityStaffResponses[C] } | { ok: false; code: string }> {
  const parsed = staffRequestSchemas[channel].safeParse(raw);
  if (!parsed.success) return { ok: false, code: 'kiosk.bad-request' };
  try {
    return { ok: true, value: await handlers[channel](parsed.data as EligibilityStaffRequests[C]) };
  } catch (error) {
    return { ok: false, code: isKioskError(error) ? error.code : 'kiosk.internal' };
  }
}
