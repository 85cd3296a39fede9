// Set-up shared by the clinic folder tests: the fixture's persons as queries, request files
// dropped into req/, and a watcher over a real folder answering through the real client.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startClinicFolder, type ClinicFolder } from '../../../electron/clinic/folder-watcher';
import { clinicConfigSchema, type ClinicConfig } from '../../../electron/clinic/config';
import type { Query } from '../../../electron/clinic/results';
import type { EligibilityConfig } from '../../../electron/eligibility/config';
import type { EligibilityService } from '../../../electron/eligibility/service';
import { createLogger, memorySink } from '../../../electron/log/logger';
import { WORLD_CLOCK } from '../eligibility/harness';
import { CLINIC_CODE, singleRequest } from '../../../sim/clinic/clinic-system';
import { loadFixture, type FixturePerson } from '../../../sim/eligibility/fixture';

export const fixture = loadFixture();

/** Persons a 個別照会 can find, with the query for their first record. */
export const lookupPersons: Array<{ person: FixturePerson; query: Query }> = fixture.persons
  .filter((person) => person.records.length > 0)
  .map((person) => {
    const record = person.records[0]!;
    return {
      person,
      query: {
        insurerNumber: record.insurerNumber,
        symbol: record.symbol,
        number: record.number,
        branch: record.branch,
        birthDate: record.birthDate,
        limitConsent: true,
        arbitraryIdentifier: person.id,
      },
    };
  });

/** The i-th of many requests: the fixture's persons in turn, each file its own. */
export function manyRequest(i: number): { name: string; bytes: Buffer } {
  const { query } = lookupPersons[i % lookupPersons.length]!;
  return {
    name: `OQSsiquc01req_${String(i).padStart(6, '0')}.xml`,
    bytes: singleRequest({ ...query, arbitraryIdentifier: `patient-${i}` }, { fileId: `file-${i}` }),
  };
}

export function drop(folder: string, name: string, bytes: Buffer): void {
  mkdirSync(join(folder, 'req'), { recursive: true });
  writeFileSync(join(folder, 'req', name), bytes);
}

export function clinicConfig(folder: string, overrides: Partial<ClinicConfig> = {}): ClinicConfig {
  return clinicConfigSchema.parse({ folder, scanIntervalMs: 100, stableMs: 150, ...overrides });
}

export function startWatcher(options: {
  folder: string;
  service: Pick<EligibilityService, 'lookupByInsuranceCard'>;
  eligibility: EligibilityConfig;
  terminalId?: string;
  config?: Partial<ClinicConfig>;
}): { watcher: ClinicFolder; logLines: string[] } {
  const sink = memorySink();
  const watcher = startClinicFolder({
    config: clinicConfig(options.folder, options.config),
    terminalId: options.terminalId ?? 'kiosk-a',
    medicalInstitutionCode: CLINIC_CODE,
    clinicDay: options.eligibility.cache,
    eligibility: options.service,
    databasePath: join(options.eligibility.dataDir, 'eligibility.db'),
    clock: WORLD_CLOCK,
    log: createLogger(sink, { minLevel: 'debug' }),
  });
  return { watcher, logLines: sink.lines };
}
