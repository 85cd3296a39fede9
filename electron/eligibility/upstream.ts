// The one interface to the national eligibility service. Implemented by HTTPS + JSON with mutual
// TLS (https-upstream.ts); the simulated world points the same implementation at the simulator.
import type {
  ChallengeAnswer,
  ConfirmRequest,
  DisasterMedicationAnswer,
  DisasterMedicationRequest,
  HealthCheckAnswer,
  LookupRequest,
  MedicationAnswer,
  QualificationAnswer,
  WireErrorCode,
} from './wire';

export interface EligibilityUpstream {
  createChallenge(requestId: string): Promise<ChallengeAnswer>;
  confirmByCard(request: ConfirmRequest, requestId: string): Promise<QualificationAnswer>;
  lookupByInsuranceCard(request: LookupRequest, requestId: string): Promise<QualificationAnswer>;
  medication(confirmationId: string, requestId: string): Promise<MedicationAnswer>;
  healthCheck(confirmationId: string, requestId: string): Promise<HealthCheckAnswer>;
  disasterMedication(
    request: DisasterMedicationRequest,
    requestId: string,
  ): Promise<DisasterMedicationAnswer>;
  /**
   * Whether the service answers this terminal at all: one request with no body and no patient in it,
   * no retry. `refused`: the secure channel or the terminal's certificate was refused.
   */
  reachable(): Promise<ServiceReach>;
  close(): void;
}

export type ServiceReach = 'reachable' | 'unavailable' | 'refused';

/**
 * Why a call failed:
 * - unavailable: no usable answer after every retry (network, timeout, 5xx) — try again later;
 * - tls: the secure channel was refused — a configuration problem, not retried;
 * - bad-answer: the service answered outside the contract — nothing from it is used;
 * - refused: the service said no, with a code from the contract — final.
 */
export type UpstreamFailure = 'unavailable' | 'tls' | 'bad-answer' | 'refused';

export class UpstreamError extends Error {
  constructor(
    readonly failure: UpstreamFailure,
    /** Safe to log: status codes, error codes, attempt counts. */
    readonly detail: string,
    readonly wireCode?: WireErrorCode,
  ) {
    super(`eligibility upstream ${failure}: ${detail}`);
    this.name = 'UpstreamError';
  }
}
