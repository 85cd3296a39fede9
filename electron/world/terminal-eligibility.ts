// The eligibility service as a terminal runs it, in either world: every final answer is also
// written to the clinic's shared folder, where clinic systems pick it up.
import { writeFaceResult } from '../clinic/clinic-folder';
import type { KioskConfig } from '../config/schema';
import type { EligibilityUpstream } from '../eligibility/upstream';
import type { KeyStore } from '../eligibility/key-store';
import { createEligibilityService, type EligibilityService } from '../eligibility/service';
import type { Logger } from '../log/logger';

export function createTerminalEligibility(options: {
  config: KioskConfig;
  log: Logger;
  keyStore: KeyStore;
  upstream: EligibilityUpstream;
}): EligibilityService {
  const { config, log } = options;
  return createEligibilityService({
    config: config.eligibility,
    log,
    keyStore: options.keyStore,
    upstream: options.upstream,
    onConfirmed: (outcome) => {
      try {
        writeFaceResult(config.clinic.folder, outcome, config.eligibility.medicalInstitutionCode);
      } catch (error) {
        // The confirmation itself is safe in the database; staff can re-send the file.
        log.error('clinic.write-failed', { error: error instanceof Error ? error.name : 'unknown' });
      }
    },
  });
}
