// Failed calls to the eligibility service, reported as they happen — for the terminal's monitoring
// (uketsuke_service_errors_total). A call has failed when the upstream throws: no answer after its
// retries, the TLS channel refused, an error status, or an answer outside the contract. The report
// names only the operation and the kind of failure: fixed words, nothing from the request.
import { UpstreamError, type EligibilityUpstream, type UpstreamFailure } from './upstream';

export const UPSTREAM_OPERATIONS = [
  'challenge',
  'confirm',
  'lookup',
  'medication',
  'health-check',
  'disaster-medication',
] as const;
export type UpstreamOperation = (typeof UPSTREAM_OPERATIONS)[number];

export interface UpstreamFailureReport {
  operation: UpstreamOperation;
  failure: UpstreamFailure;
}

/** The same upstream, telling `report` about every call that fails (and still failing it). */
export function reportUpstreamFailures(
  upstream: EligibilityUpstream,
  report: (failure: UpstreamFailureReport) => void,
): EligibilityUpstream {
  const watched =
    <A extends unknown[], T>(operation: UpstreamOperation, call: (...args: A) => Promise<T>) =>
    async (...args: A): Promise<T> => {
      try {
        return await call(...args);
      } catch (error) {
        if (error instanceof UpstreamError) report({ operation, failure: error.failure });
        throw error;
      }
    };
  return {
    createChallenge: watched('challenge', (requestId) => upstream.createChallenge(requestId)),
    confirmByCard: watched('confirm', (request, requestId) => upstream.confirmByCard(request, requestId)),
    lookupByInsuranceCard: watched('lookup', (request, requestId) =>
      upstream.lookupByInsuranceCard(request, requestId),
    ),
    medication: watched('medication', (confirmationId, requestId) =>
      upstream.medication(confirmationId, requestId),
    ),
    healthCheck: watched('health-check', (confirmationId, requestId) =>
      upstream.healthCheck(confirmationId, requestId),
    ),
    disasterMedication: watched('disaster-medication', (request, requestId) =>
      upstream.disasterMedication(request, requestId),
    ),
    // The health probe reports its own answer (reachable / unavailable / refused): not a failed call.
    reachable: () => upstream.reachable(),
    close: () => upstream.close(),
  };
}
