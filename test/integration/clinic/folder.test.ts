// The folder interface on a real file system, through the real client and the eligibility
// simulator: requests dropped slowly, in a burst of 1,000, malformed, duplicated, in a batch;
// every request answered exactly once (a clinic-side consumer takes each answer as it appears,
// so an answer written twice would arrive twice).
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  statSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClinicFolder } from '../../../electron/clinic/folder-watcher';
import { SIMULATED_WORLD_START } from '../../../electron/clock';
import { openClinicJournal } from '../../../electron/clinic/journal';
import { temporaryName } from '../../../electron/clinic/clinic-folder';
import { createHash } from 'node:crypto';
import {
  batchFetchRequest,
  batchUploadRequest,
  consumedAnswer,
  readAsClinicSoftware,
  singleRequest,
  startClinicConsumer,
  type ClinicConsumer,
} from '../../../sim/clinic/clinic-system';
import { testConfig, useKiosk } from '../eligibility/harness';
import { drop, lookupPersons, manyRequest, startWatcher } from './folder-harness';

const t = useKiosk({ perTest: true });
let folder: string;
let consumer: ClinicConsumer;
let watcher: ClinicFolder | undefined;

beforeEach(() => {
  folder = join(t.dir.path, 'clinic');
  mkdirSync(folder, { recursive: true });
  consumer = startClinicConsumer(folder);
});
afterEach(async () => {
  consumer.stop();
  await watcher?.close();
  watcher = undefined;
});

const start = (config = {}) => {
  const eligibility = testConfig(t.sim.url, t.dir.path);
  watcher = startWatcher({ folder, service: t.kiosk.service, eligibility, config }).watcher;
  return watcher;
};
const answerOf = (name: string) => readAsClinicSoftware(consumedAnswer(folder, name)).XmlMsg;
const suzuki = lookupPersons.find((p) => p.person.id === 'suzuki-ichiro')!.query;

describe('the clinic folder', () => {
  it('answers a 個別照会 in res/ under the matching name and moves the request to trash/', async () => {
    start();
    drop(folder, 'OQSsiquc01req_20261125100000123.xml', singleRequest(suzuki, { fileId: 'clinic-file-42' }));
    await consumer.waitFor(1);
    const answer = answerOf('OQSsiquc01res_20261125100000123.xml');
    expect(answer.MessageHeader.ArbitraryFileIdentifier).toBe('clinic-file-42');
    expect(answer.MessageHeader.ReferenceClassification).toBe('2');
    expect(answer.MessageBody.QualificationValidity).toBe('1');
    expect(answer.MessageBody.QualificationConfirmSearchInfo.InsurerNumber).toBe('  138222');
    expect(answer.MessageBody.ResultList.ResultOfQualificationConfirmation[0].Name).toBe('鈴木　一郎');
    expect(readdirSync(join(folder, 'req'))).toEqual([]);
    expect(readdirSync(join(folder, 'trash'))).toEqual(['OQSsiquc01req_20261125100000123.xml']);
    expect(readdirSync(join(folder, 'claimed', 'kiosk-a'))).toEqual([]);
  });

  it('reads a request written slowly in pieces only once it is complete', async () => {
    start({ stableMs: 300 });
    const bytes = singleRequest(suzuki);
    const fd = openSync(join(folder, 'req', 'OQSsiquc01req_slow.xml'), 'w');
    for (let i = 0; i < bytes.length; i += 64) {
      writeSync(fd, bytes.subarray(i, i + 64));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    closeSync(fd);
    await consumer.waitFor(1);
    expect(answerOf('OQSsiquc01res_slow.xml').MessageHeader.SegmentOfResult).toBe('1');
    expect(consumer.duplicates()).toBe(0);
  });

  it('answers a burst of 1,000 requests, each exactly once', async () => {
    start();
    for (let i = 0; i < 1000; i++) {
      const { name, bytes } = manyRequest(i);
      drop(folder, name, bytes);
    }
    await consumer.waitFor(1000);
    await watcher!.scan();
    consumer.stop();
    expect(consumer.answered()).toBe(1000);
    expect(consumer.duplicates()).toBe(0);
    expect(readdirSync(join(folder, 'trash'))).toHaveLength(1000);
    const sample = answerOf('OQSsiquc01res_000123.xml');
    expect(sample.MessageBody.QualificationConfirmSearchInfo.ArbitraryIdentifier).toBe('patient-123');
  });

  it('asks the service at most `concurrency` look-ups at a time while the files are read and written', async () => {
    let asking = 0;
    let most = 0;
    const eligibility = testConfig(t.sim.url, t.dir.path);
    watcher = startWatcher({
      folder,
      eligibility,
      config: { concurrency: 3 },
      service: {
        async lookupByInsuranceCard(...args) {
          most = Math.max(most, ++asking);
          try {
            return await t.kiosk.service.lookupByInsuranceCard(...args);
          } finally {
            asking--;
          }
        },
      },
    }).watcher;
    for (let i = 0; i < 60; i++) {
      const { name, bytes } = manyRequest(i);
      drop(folder, name, bytes);
    }
    await consumer.waitFor(60);
    await watcher.scan();
    consumer.stop();
    expect(most).toBe(3);
    expect(consumer.answered()).toBe(60);
    expect(consumer.duplicates()).toBe(0);
  });

  it('answers malformed and unknown requests with an error code, and leaves other files alone', async () => {
    start();
    drop(folder, 'OQSsiquc01req_garbage.xml', Buffer.from([0x3c, 0x58, 0xff, 0x00, 0x12]));
    const withoutBirthdate = singleRequest(suzuki)
      .toString('latin1')
      .replace(/<Birthdate>\d+<\/Birthdate>/, '');
    drop(folder, 'OQSsiquc01req_layout.xml', Buffer.from(withoutBirthdate, 'latin1'));
    drop(folder, 'OQSzzzzz01req_unknown.xml', singleRequest(suzuki));
    drop(folder, 'OQSsiquc01req_other.xml', singleRequest(suzuki, { institution: '3410712362' }));
    drop(folder, 'OQSsiquc01req_digit.xml', singleRequest({ ...suzuki, insurerNumber: '138223' }));
    drop(folder, '.OQSsiquc01req_writing.xml.tmp', Buffer.from('half'));
    await consumer.waitFor(5);
    const code = (name: string) => {
      const answer = answerOf(name);
      return [
        answer.MessageHeader.SegmentOfResult,
        answer.MessageHeader.ErrorCode ?? answer.MessageBody?.ProcessingResultCode,
      ];
    };
    expect(code('OQSsiquc01res_garbage.xml')).toEqual(['9', 'E1001']);
    expect(code('OQSsiquc01res_layout.xml')).toEqual(['9', 'E1002']);
    expect(answerOf('OQSsiquc01res_layout.xml').MessageHeader.ErrorMessage).toContain('Birthdate');
    expect(code('OQSzzzzz01res_unknown.xml')).toEqual(['9', 'E1003']);
    expect(code('OQSsiquc01res_other.xml')).toEqual(['9', 'E1004']);
    expect(code('OQSsiquc01res_digit.xml')).toEqual(['9', 'E1101']);
    expect(
      answerOf('OQSsiquc01res_digit.xml').MessageBody.QualificationConfirmSearchInfo
        .InsuredIdentificationNumber,
    ).toBe('0012345');
    expect(readdirSync(join(folder, 'req'))).toEqual(['.OQSsiquc01req_writing.xml.tmp']);
  });

  it('answers a duplicated request once, whenever the copy arrives', async () => {
    start();
    const bytes = singleRequest(suzuki);
    drop(folder, 'OQSsiquc01req_twice.xml', bytes);
    await consumer.waitFor(1);
    await watcher!.scan();
    drop(folder, 'OQSsiquc01req_twice.xml', bytes);
    await new Promise((resolve) => setTimeout(resolve, 600));
    await watcher!.scan();
    expect(consumer.duplicates()).toBe(0);
    expect(watcher!.stats().duplicates).toBe(1);
    expect(readdirSync(join(folder, 'req'))).toEqual([]);
    expect(readdirSync(join(folder, 'trash')).sort()[1]).toMatch(/^OQSsiquc01req_twice\.xml\.duplicate-/);
  });

  it('accepts a batch with a reception number and answers its fetch with every result', async () => {
    start();
    const queries = lookupPersons.slice(0, 6).map((p) => p.query);
    drop(
      folder,
      'OQSmuquc01req_b1.xml',
      batchUploadRequest([...queries, { ...suzuki, insurerNumber: '138223' }]),
    );
    await consumer.waitFor(1);
    const reception = answerOf('OQSmuquc01res_b1.xml').MessageHeader;
    expect(reception.SegmentOfResult).toBe('1');
    expect(reception.ReceptionNumber).toMatch(/^\w{10,}$/);
    drop(folder, 'OQSmuquc02req_b1.xml', batchFetchRequest(reception.ReceptionNumber));
    drop(folder, 'OQSmuquc02req_b2.xml', batchFetchRequest('19990101000000abcdef'));
    await consumer.waitFor(3);
    const results = answerOf('OQSmuquc02res_b1.xml');
    expect(results.MessageHeader).toMatchObject({
      NumberOfProcessingResult: '7',
      NumberOfNormalProcessing: '6',
      NumberOfError: '1',
    });
    const entries = results.MessageBody.QualificationConfirmResultList.QualificationConfirmResult;
    expect(
      entries
        .map(
          (e: { QualificationConfirmSearchInfo: { ArbitraryIdentifier: string } }) =>
            e.QualificationConfirmSearchInfo.ArbitraryIdentifier,
        )
        .slice(0, 6),
    ).toEqual(lookupPersons.slice(0, 6).map((p) => p.person.id));
    expect(entries[6].ProcessingResultCode).toBe('E1101');
    expect(answerOf('OQSmuquc02res_b2.xml').MessageHeader.ErrorCode).toBe('E1005');
  });

  it('finishes what a crashed run left half done without answering twice', async () => {
    // A previous run wrote an answer (ready) and crashed before renaming it; another before moving
    // the request after the answer was already taken by the clinic.
    const claim = join(folder, 'claimed', 'kiosk-a');
    mkdirSync(claim, { recursive: true });
    mkdirSync(join(folder, 'res'), { recursive: true });
    const journal = openClinicJournal(join(t.dir.path, 'eligibility.db'));
    const staged = (name: string) => {
      const bytes = singleRequest(suzuki, { fileId: name });
      writeFileSync(join(claim, `OQSsiquc01req_${name}.xml`), bytes);
      const digest = createHash('sha256').update(bytes).digest('hex');
      journal.claim(`OQSsiquc01req_${name}.xml`, digest, Date.parse(SIMULATED_WORLD_START));
      journal.advance(
        `OQSsiquc01req_${name}.xml`,
        digest,
        'ready',
        Date.parse(SIMULATED_WORLD_START),
        `OQSsiquc01res_${name}.xml`,
      );
    };
    staged('renamed-before-crash');
    staged('not-yet-renamed');
    writeFileSync(
      join(folder, 'res', temporaryName('OQSsiquc01res_not-yet-renamed.xml', 'kiosk-a')),
      'the answer',
    );
    journal.close();
    start();
    await watcher!.scan();
    await consumer.waitFor(1);
    consumer.stop();
    expect([...consumer.counts.keys()]).toEqual(['OQSsiquc01res_not-yet-renamed.xml']);
    expect(consumedAnswer(folder, 'OQSsiquc01res_not-yet-renamed.xml').toString()).toBe('the answer');
    expect(readdirSync(claim)).toEqual([]);
    expect(readdirSync(join(folder, 'trash'))).toHaveLength(2);
    expect(watcher!.stats().recovered).toBe(2);
  });

  it('commits `ready` at once and writes the later steps behind it, so a crash never loses the commit point', () => {
    const path = join(t.dir.path, 'eligibility.db');
    const kiosk = openClinicJournal(path);
    // What a process started after a SIGKILL of this one would read.
    const onDisk = () => {
      const restarted = openClinicJournal(path);
      try {
        return restarted.get('OQSsiquc01req_a.xml', 'digest-a')?.state;
      } finally {
        restarted.close();
      }
    };
    kiosk.claim('OQSsiquc01req_a.xml', 'digest-a', 1);
    expect(kiosk.get('OQSsiquc01req_a.xml', 'digest-a')?.state).toBe('claimed');
    expect(onDisk()).toBeUndefined();
    kiosk.advance('OQSsiquc01req_a.xml', 'digest-a', 'ready', 2, 'OQSsiquc01res_a.xml');
    expect(onDisk()).toBe('ready');
    kiosk.advance('OQSsiquc01req_a.xml', 'digest-a', 'answered', 3);
    kiosk.advance('OQSsiquc01req_a.xml', 'digest-a', 'done', 4);
    expect(kiosk.get('OQSsiquc01req_a.xml', 'digest-a')?.state).toBe('done');
    expect(onDisk()).toBe('ready');
    kiosk.flush();
    expect(onDisk()).toBe('done');
    kiosk.close();
  });

  it('does not answer again a request whose last journal steps a crash lost, when it is dropped again', async () => {
    // The previous run answered it (ready committed), the clinic took the answer, the request went
    // to trash/, and the process was killed before `answered` and `done` were written behind.
    const bytes = singleRequest(suzuki, { fileId: 'answered-before-crash' });
    const fileName = 'OQSsiquc01req_answered-before-crash.xml';
    const digest = createHash('sha256').update(bytes).digest('hex');
    const journal = openClinicJournal(join(t.dir.path, 'eligibility.db'));
    journal.claim(fileName, digest, Date.parse(SIMULATED_WORLD_START));
    journal.advance(fileName, digest, 'ready', Date.parse(SIMULATED_WORLD_START), 'OQSsiquc01res_x.xml');
    journal.close();
    mkdirSync(join(folder, 'trash'), { recursive: true });
    writeFileSync(join(folder, 'trash', fileName), bytes);
    start();
    drop(folder, fileName, bytes);
    await new Promise((resolve) => setTimeout(resolve, 600));
    await watcher!.scan();
    consumer.stop();
    expect(consumer.answered()).toBe(0);
    expect(readdirSync(join(folder, 'req'))).toEqual([]);
    expect(readdirSync(join(folder, 'claimed', 'kiosk-a'))).toEqual([]);
    expect(readdirSync(join(folder, 'trash'))).toEqual([fileName]);
  });

  it('removes results after the clinic day plus the retention, and keeps other users out', async () => {
    mkdirSync(join(folder, 'face'), { recursive: true });
    mkdirSync(join(folder, 'res'), { recursive: true });
    const old = join(folder, 'face', 'OQSsiquc01res_face_old.xml');
    const recent = join(folder, 'face', 'OQSsiquc01res_face_recent.xml');
    writeFileSync(old, 'x');
    writeFileSync(recent, 'x');
    consumer.stop();
    writeFileSync(join(folder, 'res', 'OQSsiquc01res_old.xml'), 'x');
    // The simulated world's day is 2026-11-25: 9 days before is gone, 6 days before is kept.
    const day = Date.parse('2026-11-25T12:00:00+09:00');
    utimesSync(old, new Date(day - 9 * 86_400_000), new Date(day - 9 * 86_400_000));
    utimesSync(
      join(folder, 'res', 'OQSsiquc01res_old.xml'),
      new Date(day - 9 * 86_400_000),
      new Date(day - 9 * 86_400_000),
    );
    utimesSync(recent, new Date(day - 6 * 86_400_000), new Date(day - 6 * 86_400_000));
    start();
    expect(existsSync(old)).toBe(false);
    expect(existsSync(join(folder, 'res', 'OQSsiquc01res_old.xml'))).toBe(false);
    expect(existsSync(recent)).toBe(true);
    for (const dir of ['', 'req', 'res', 'face', 'trash']) {
      expect(statSync(join(folder, dir)).mode & 0o777).toBe(0o770);
    }
  });
});
