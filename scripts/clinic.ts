// `npm run clinic -- samples DIR`
// Writes, for every simulated person, the files a clinic-software vendor tests against:
//   DIR/face/OQSsiquc01res_face_…xml  the face-reader result of a visit (card persons), and
//   DIR/res/OQSsiquc01res_<person>.xml the answer to a 個別照会 for their insurance numbers
// (with the request beside it in DIR/trash/). Runs the embedded eligibility simulator and the
// real client, watcher and writer in a temporary data folder.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { clinicConfigSchema } from '../electron/clinic/config';
import { writeFaceResult } from '../electron/clinic/clinic-folder';
import { startClinicFolder } from '../electron/clinic/folder-watcher';
import { simulatedClock, SIMULATED_WORLD_START } from '../electron/clock';
import { eligibilityConfigSchema } from '../electron/eligibility/config';
import { createEligibilityUpstream } from '../electron/eligibility/https-upstream';
import { createFileKeyStore } from '../electron/eligibility/key-store';
import { createEligibilityService } from '../electron/eligibility/service';
import { createLogger } from '../electron/log/logger';
import { CLINIC_CODE, singleRequest, startClinicConsumer } from '../sim/clinic/clinic-system';
import { loadFixture } from '../sim/eligibility/fixture';
import { startEligibilitySimulator } from '../sim/eligibility/server';

const [command, target] = process.argv.slice(2);
if (command !== 'samples' || !target) {
  console.error('usage: npm run clinic -- samples DIR');
  process.exit(2);
}
const root = new URL('../', import.meta.url).pathname;
const folder = resolve(target);
const work = mkdtempSync(join(tmpdir(), 'uketsuke-clinic-samples-'));
const clock = simulatedClock(SIMULATED_WORLD_START);
const sim = await startEligibilitySimulator({ clock });
const config = eligibilityConfigSchema.parse({
  endpoint: sim.url,
  dataDir: work,
  tls: {
    caFile: join(root, 'sim/fixtures/eligibility/tls/test-ca.pem'),
    certFile: join(root, 'sim/fixtures/eligibility/tls/test-terminal.pem'),
    keyFile: join(root, 'sim/fixtures/eligibility/tls/test-terminal.key.pem'),
  },
});
const log = createLogger({ write: () => undefined });
const upstream = createEligibilityUpstream(config);
const service = createEligibilityService({
  config,
  log,
  keyStore: createFileKeyStore(join(work, 'eligibility.key')),
  upstream,
  clock,
  timers: false,
});
mkdirSync(join(folder, 'req'), { recursive: true });
const watcher = startClinicFolder({
  config: clinicConfigSchema.parse({ folder, retentionDays: 365 }),
  terminalId: 'samples',
  medicalInstitutionCode: CLINIC_CODE,
  clinicDay: config.cache,
  eligibility: service,
  databasePath: join(work, 'eligibility.db'),
  clock,
  log,
});
try {
  let face = 0;
  const persons = loadFixture().persons;
  for (const person of persons) {
    if (!person.cardPersonId) continue;
    const card = JSON.parse(
      readFileSync(join(root, 'sim/fixtures/persons', `${person.cardPersonId}.json`), 'utf8'),
    ) as {
      birthDate: string;
      sex: 'male' | 'female';
    };
    const outcome = await service.confirm({
      method: 'face',
      authCertificatePem: readFileSync(
        join(root, 'sim/fixtures/pki/persons', person.cardPersonId, 'auth-cert.pem'),
        'utf8',
      ),
      cardBirthDate: card.birthDate,
      cardSex: card.sex,
      consent: { medication: true, healthCheck: true, treatment: true, surgery: false },
    });
    writeFaceResult(folder, outcome, CLINIC_CODE, clock);
    face++;
  }
  const asked = persons.filter((person) => person.records.length > 0);
  const { writeFileSync } = await import('node:fs');
  for (const person of asked) {
    const record = person.records[0]!;
    writeFileSync(
      join(folder, 'req', `OQSsiquc01req_${person.id}.xml`),
      singleRequest({
        insurerNumber: record.insurerNumber,
        symbol: record.symbol,
        number: record.number,
        branch: record.branch,
        birthDate: record.birthDate,
        limitConsent: true,
        arbitraryIdentifier: person.id,
      }),
    );
  }
  // Wait until every answer is in res/ (the consumer only counts; it leaves nothing moved).
  const consumer = startClinicConsumer(folder);
  await consumer.waitFor(asked.length);
  consumer.stop();
  const { readdirSync, renameSync } = await import('node:fs');
  for (const name of readdirSync(join(folder, 'consumed'))) {
    renameSync(join(folder, 'consumed', name), join(folder, 'res', name.replace(/#\d+$/, '')));
  }
  rmSync(join(folder, 'consumed'), { recursive: true });
  console.log(`${face} face/ results and ${asked.length} res/ answers written to ${folder}`);
} finally {
  await watcher.close();
  service.close();
  upstream.close();
  await sim.close();
  rmSync(work, { recursive: true, force: true });
}
