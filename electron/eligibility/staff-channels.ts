// What the staff screens may ask of the eligibility client, as channel handlers the lead can merge
// into the renderer contract: each request is checked by its schema, each answer is a view that is
// safe to send (see views.ts). These channels belong behind the staff login; the patient screens
// never call them — a confirmation is started by the trusted reception flow with the identity it
// holds, never by a renderer request.
import { z } from 'zod';
import { isKioskError } from '../errors/kiosk-error';
import type { FieldProblem } from './insurance-number';
import { InsuranceInputError, type EligibilityService } from './service';
import { toStaffView, type EligibilityStaffView } from './views';
import type { DisasterMedicationAnswer, HealthCheckAnswer, MedicationAnswer } from './wire';

const requestId = z.object({ requestId: z.string().uuid() }).strict();

export const eligibilityStaffRequestSchemas = {
  'staff:eligibility:lookup': z
    .object({
      insurerNumber: z.string().max(20),
      symbol: z.string().max(40).optional(),
      number: z.string().max(40),
      branch: z.string().max(10).optional(),
      birthDate: z.string().max(20),
      refresh: z.boolean().optional(),
    })
    .strict(),
  'staff:eligibility:confirmations': z.object({}).strict(),
  'staff:eligibility:medication': requestId,
  'staff:eligibility:health-checks': requestId,
  'staff:eligibility:disaster-medication': z
    .object({
      name: z.string().min(1).max(100),
      birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      sex: z.enum(['male', 'female']),
      address: z.string().min(1).max(200),
    })
    .strict(),
  'staff:eligibility:status': z.object({}).strict(),
} as const;

export type EligibilityStaffChannel = keyof typeof eligibilityStaffRequestSchemas;
export type EligibilityStaffRequests = {
  [C in EligibilityStaffChannel]: z.infer<(typeof eligibilityStaffRequestSchemas)[C]>;
};

export interface EligibilityStaffResponses {
  'staff:eligibility:lookup':
    { ok: true; view: EligibilityStaffView } | { ok: false; problems: FieldProblem[] };
  'staff:eligibility:confirmations': Array<{
    requestId: string;
    createdAt: number;
    attempts: number;
    delivered: boolean;
    view?: EligibilityStaffView;
  }>;
  'staff:eligibility:medication': MedicationAnswer;
  'staff:eligibility:health-checks': HealthCheckAnswer;
  'staff:eligibility:disaster-medication': DisasterMedicationAnswer;
  'staff:eligibility:status': {
    queued: number;
    oldestQueuedAt: number | null;
    storeRebuilt: boolean;
    recoveredOutbox: number;
    outboxUnreadable: boolean;
    quarantinedPath?: string;
  };
}

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
  const parsed = eligibilityStaffRequestSchemas[channel].safeParse(raw);
  if (!parsed.success) return { ok: false, code: 'kiosk.bad-request' };
  try {
    return { ok: true, value: await handlers[channel](parsed.data as EligibilityStaffRequests[C]) };
  } catch (error) {
    return { ok: false, code: isKioskError(error) ? error.code : 'kiosk.internal' };
  }
}
