// The simulator's fixture database of insured persons: its schema and its loader. The JSON source
// is sim/fixtures/eligibility/fixture.json, written by build-fixture.ts and committed. Persons
// with `cardPersonId` are linked to a virtual card through that card's JPKI user-authentication
// certificate (sim/fixtures/pki/persons/<id>/auth-cert.pem), as the national system links an
// insurance record to a certificate at マイナ保険証 registration.
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import {
  ELIGIBILITY_STATUSES,
  healthCheckAnswerSchema,
  medicationAnswerSchema,
  qualificationRecordSchema,
} from '../../electron/eligibility/wire';

export const fixturePersonSchema = z
  .object({
    id: z.string().min(1),
    cardPersonId: z.string().min(1).optional(),
    /** Who the person is, for the disaster-mode search (name, birth date, sex, address). */
    name: z.string().min(1),
    birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
    sex: z.enum(['male', 'female']),
    address: z.string().min(1),
    /** What a query about this person answers ('pending' = 処理中). */
    status: z.enum(ELIGIBILITY_STATUSES),
    records: z.array(qualificationRecordSchema),
    medication: medicationAnswerSchema.shape.items,
    healthChecks: healthCheckAnswerSchema.shape.items,
    /** Why this person is in the fixture. */
    note: z.string(),
  })
  .strict();
export type FixturePerson = z.infer<typeof fixturePersonSchema>;

export const fixtureSchema = z.object({ persons: z.array(fixturePersonSchema).min(1) }).strict();
export type Fixture = z.infer<typeof fixtureSchema>;

export const DEFAULT_FIXTURE_PATH = new URL('../fixtures/eligibility/fixture.json', import.meta.url);
export const DEFAULT_PKI_DIR = new URL('../fixtures/pki/', import.meta.url);

export function loadFixture(path: string | URL = DEFAULT_FIXTURE_PATH): Fixture {
  return fixtureSchema.parse(JSON.parse(readFileSync(path, 'utf8')));
}

/** The card certificates of the fixture's linked persons, from the simulated world's PKI. */
export function loadCardCertificates(
  fixture: Fixture,
  pkiDir: string | URL = DEFAULT_PKI_DIR,
): Map<string, string> {
  const certificates = new Map<string, string>();
  for (const person of fixture.persons) {
    if (!person.cardPersonId) continue;
    const url = new URL(`persons/${person.cardPersonId}/auth-cert.pem`, pkiDir);
    certificates.set(person.id, readFileSync(url, 'utf8'));
  }
  return certificates;
}
