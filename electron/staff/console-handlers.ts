// The staff console's handler table: the eligibility staff handlers, the batch check and the
// kiosk's state with its visual-check button, each staff action written to the audit log with who
// did it and, for a patient, only the record's reference. A refused action is audited too, with
// its code.
import type { StaffChannel } from '../contract';
import type { AuditAction, AuditDetail, AuditLog } from '../audit/audit-log';
import { createEligibilityStaffHandlers } from '../eligibility/staff-channels';
import type { EligibilityService } from '../eligibility/service';
import { isKioskError } from '../errors/kiosk-error';
import type { StaffContext, StaffHandlers } from '../ipc/staff-dispatch';
import type { BatchJobs } from './batch-jobs';
import type { KioskDesk } from './kiosk-desk';

export function createStaffConsoleHandlers(options: {
  eligibility: EligibilityService;
  audit: AuditLog;
  batches: BatchJobs;
  desk: KioskDesk;
}): StaffHandlers {
  const { audit } = options;
  const eligibility = createEligibilityStaffHandlers(options.eligibility);

  /** Runs an action and audits it: ok with `describe`'s fields, or refused with the error's code. */
  async function audited<T>(
    context: StaffContext,
    action: AuditAction,
    run: () => Promise<T>,
    describe: (value: T) => { recordRef?: string; detail?: AuditDetail; refused?: boolean } = () => ({}),
    recordRef?: string,
  ): Promise<T> {
    const actor = context.actor.name;
    try {
      const value = await run();
      const { refused, ...fields } = describe(value);
      audit.record({
        actor,
        action,
        outcome: refused ? 'refused' : 'ok',
        ...(recordRef ? { recordRef } : {}),
        ...fields,
      });
      return value;
    } catch (error) {
      audit.record({
        actor,
        action,
        outcome: isKioskError(error) ? 'refused' : 'failed',
        ...(recordRef ? { recordRef } : {}),
        detail: { code: isKioskError(error) ? error.code : 'kiosk.internal' },
      });
      throw error;
    }
  }

  const handlers: StaffHandlers = {
    'staff:session': (_request, context) => context.session,
    'staff:eligibility:lookup': (request, context) =>
      audited(
        context,
        'eligibility.lookup',
        () => eligibility['staff:eligibility:lookup'](request),
        (answer): { recordRef?: string; detail: AuditDetail; refused?: boolean } =>
          answer.ok
            ? { recordRef: answer.view.requestId, detail: { status: answer.view.status } }
            : { refused: true, detail: { problems: answer.problems.length } },
      ),
    'staff:eligibility:confirmations': (request, context) =>
      audited(
        context,
        'eligibility.confirmations-view',
        () => eligibility['staff:eligibility:confirmations'](request),
        (list) => ({ detail: { rows: list.length } }),
      ),
    'staff:eligibility:medication': (request, context) =>
      audited(
        context,
        'eligibility.medication-view',
        () => eligibility['staff:eligibility:medication'](request),
        (answer) => ({ detail: { items: answer.items.length } }),
        request.requestId,
      ),
    'staff:eligibility:health-checks': (request, context) =>
      audited(
        context,
        'eligibility.health-check-view',
        () => eligibility['staff:eligibility:health-checks'](request),
        (answer) => ({ detail: { items: answer.items.length } }),
        request.requestId,
      ),
    'staff:eligibility:disaster-medication': (request, context) =>
      audited(
        context,
        'eligibility.disaster-medication-view',
        () => eligibility['staff:eligibility:disaster-medication'](request),
        (answer) => ({ detail: { matches: answer.matches.length } }),
      ),
    'staff:eligibility:status': (request) => eligibility['staff:eligibility:status'](request),
    'staff:batch:start': ({ csv }, context) =>
      audited(
        context,
        'eligibility.batch-run',
        async () =>
          options.batches.start(csv, (finished) => {
            const summary = finished.summary!;
            audit.record({
              actor: context.actor.name,
              action: 'eligibility.batch-run',
              outcome: 'ok',
              detail: { batch: finished.batchId, finished: true, ...summary },
            });
          }),
        (started) => ({
          detail: { batch: started.batchId, rows: started.total, rejected: started.rejected.length },
        }),
      ),
    'staff:batch:status': ({ batchId }) => options.batches.status(batchId),
    'staff:kiosk:state': (_request, context) =>
      audited(
        context,
        'kiosk.state-view',
        () => options.desk.state(),
        (state) => ({ detail: { faults: state.faults.length, queued: state.outbox.queued } }),
      ),
    // Who pressed the console's button; the kiosk's own rows name who then signed in there.
    'staff:kiosk:visual-check': ({ sessionGeneration }, context) =>
      audited(context, 'visual-check.console-request', async () =>
        options.desk.startVisualCheck(sessionGeneration),
      ),
  };
  return handlers satisfies Record<StaffChannel, unknown>;
}
