// The eligibility database file: personal fields unreadable in its bytes, a damaged file detected
// at start, moved aside and rebuilt with its queued confirmations recovered (or reported), a wrong
// key refused without deleting anything, and the retention purge.
import Database from 'better-sqlite3';
import {
  chmodSync,
  statSync,
  existsSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
  writeSync,
  closeSync,
} from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { manualClock, SIMULATED_WORLD_START } from '../../../electron/clock';
import { isKioskError } from '../../../electron/errors/kiosk-error';
import type { EligibilitySimulator } from '../../../sim/eligibility/server';
import { certificateOf, faceIdentity, openService, startSimulator, tempDir, testConfig } from './harness';

let sim: EligibilitySimulator;
let dir: ReturnType<typeof tempDir>;

beforeEach(async () => {
  sim = await startSimulator();
  dir = tempDir();
});
afterEach(async () => {
  await sim.close();
  dir.remove();
});

const dbPath = () => join(dir.path, 'eligibility.db');
const yamadaCard = {
  insurerNumber: '01130012',
  symbol: '1020304',
  number: '12',
  branch: '00',
  birthDate: '1984-04-30',
};

/** Leaves one delivered confirmation, one cached look-up and one queued confirmation behind. */
async function fillDatabase(): Promise<{ queuedId: string }> {
  const kiosk = openService(testConfig(sim.url, dir.path));
  try {
    await kiosk.service.confirm(faceIdentity('yamada-taro'));
    await kiosk.service.lookupByInsuranceCard(yamadaCard);
    sim.faults.inject({ kind: 'status', status: 503, times: 3, operation: 'confirmByCard' });
    const queued = await kiosk.service.confirm(faceIdentity('sato-hanako'));
    expect(queued.status).toBe('pending');
    return { queuedId: queued.requestId };
  } finally {
    kiosk.close();
  }
}

function filesOf(folder: string): Buffer {
  return Buffer.concat(readdirSync(folder).map((name) => readFileSync(join(folder, name))));
}

describe('encryption at rest', () => {
  it('no name, kana, birth date, insurance number, address or certificate is readable in the files', async () => {
    const kiosk = openService(testConfig(sim.url, dir.path));
    try {
      await kiosk.service.confirm(faceIdentity('yamada-taro'));
      await kiosk.service.lookupByInsuranceCard(yamadaCard);
      sim.faults.inject({ kind: 'status', status: 503, times: 3, operation: 'confirmByCard' });
      await kiosk.service.confirm(faceIdentity('yamada-taro'));
      // Read while open: the WAL holds the newest pages, so both files are searched.
      const bytes = Buffer.concat([filesOf(dir.path)]);
      const certificateBody = certificateOf('yamada-taro').split('\n')[3]!;
      for (const secret of [
        '山田',
        '太郎',
        'ﾔﾏﾀﾞ',
        '1984-04-30',
        '19840430',
        '1020304',
        '霞が関',
        certificateBody,
        'アムロジピン',
      ]) {
        expect(bytes.includes(Buffer.from(secret, 'utf8')), secret).toBe(false);
      }
      expect(bytes.includes(Buffer.from('SQLite format 3'))).toBe(true); // it is the real database we searched
      const log = kiosk.logLines.join('');
      for (const secret of ['山田', '1984-04-30', certificateBody])
        expect(log.includes(secret), secret).toBe(false);
    } finally {
      kiosk.close();
    }
  });

  it('creates the database and key files with mode 0600 and refuses a key readable by others', async () => {
    openService(testConfig(sim.url, dir.path)).close();
    expect(statSync(dbPath()).mode & 0o777).toBe(0o600);
    const keyFile = join(dir.path, 'eligibility.key');
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    chmodSync(keyFile, 0o644);
    const error = (() => {
      try {
        openService(testConfig(sim.url, dir.path));
      } catch (e) {
        return e;
      }
    })();
    expect(isKioskError(error) && error.code).toBe('eligibility.key-store');
  });

  it('refuses to start with another key and deletes nothing', async () => {
    const { queuedId } = await fillDatabase();
    const keyFile = join(dir.path, 'eligibility.key');
    const original = readFileSync(keyFile);
    writeFileSync(keyFile, randomBytes(32), { mode: 0o600 });
    const error = (() => {
      try {
        openService(testConfig(sim.url, dir.path));
      } catch (e) {
        return e;
      }
    })();
    expect(isKioskError(error) && error.code).toBe('eligibility.store-key-mismatch');
    writeFileSync(keyFile, original, { mode: 0o600 });
    const kiosk = openService(testConfig(sim.url, dir.path));
    try {
      expect(kiosk.service.startReport.rebuilt).toBe(false);
      expect(kiosk.service.confirmation(queuedId)?.entry.deliveredAt).toBeNull();
    } finally {
      kiosk.close();
    }
  });
});

describe('a damaged database', () => {
  it('is detected at start, moved aside and rebuilt; the queued confirmation is recovered and sent', async () => {
    const { queuedId } = await fillDatabase();
    // Overwrite the root page of the answer cache with garbage; the outbox pages stay readable.
    const db = new Database(dbPath(), { readonly: true });
    const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_master WHERE name = 'answers'").get() as {
      rootpage: number;
    };
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    const fd = openSync(dbPath(), 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (rootpage - 1) * pageSize);
    closeSync(fd);

    const kiosk = openService(testConfig(sim.url, dir.path));
    try {
      const report = kiosk.service.startReport;
      expect(report).toMatchObject({ rebuilt: true, recoveredOutbox: 1, outboxUnreadable: false });
      expect(existsSync(report.quarantinedPath!)).toBe(true);
      expect(kiosk.logLines.join('')).toContain('eligibility.store-rebuilt');
      expect(kiosk.service.outboxStatus().count).toBe(1);
      // Recovered with how the patient proved who they are (staff's list shows it).
      expect(kiosk.service.confirmation(queuedId)?.entry.method).toBe('face');
      expect(await kiosk.service.flushOutbox({ force: true })).toEqual({ delivered: 1, stillQueued: 0 });
      expect(kiosk.service.confirmation(queuedId)?.outcome?.status).toBe('valid');
      expect(sim.stats().byKey.get(queuedId)?.processed).toBe(1);
      // The rebuilt database works: a look-up is asked again and cached again.
      expect((await kiosk.service.lookupByInsuranceCard(yamadaCard)).source).toBe('service');
      expect((await kiosk.service.lookupByInsuranceCard(yamadaCard)).source).toBe('cache');
    } finally {
      kiosk.close();
    }
  });

  it('reports an unreadable queue instead of dropping it silently, and keeps the damaged file', async () => {
    await fillDatabase();
    writeFileSync(dbPath(), randomBytes(64 * 1024));
    const kiosk = openService(testConfig(sim.url, dir.path));
    try {
      const report = kiosk.service.startReport;
      expect(report).toMatchObject({ rebuilt: true, recoveredOutbox: 0, outboxUnreadable: true });
      expect(report.problem).toMatch(/not a database|malformed/);
      expect(readFileSync(report.quarantinedPath!).length).toBe(64 * 1024);
      expect(kiosk.logLines.join('')).toContain('"outboxUnreadable":true');
    } finally {
      kiosk.close();
    }
  });
});

describe('a foreign database at the path', () => {
  it('is moved aside and reported, not migrated over', () => {
    const foreign = new Database(dbPath());
    foreign.exec('CREATE TABLE meta (something TEXT); INSERT INTO meta VALUES (1);');
    foreign.close();
    const kiosk = openService(testConfig(sim.url, dir.path));
    try {
      expect(kiosk.service.startReport).toMatchObject({ rebuilt: true, outboxUnreadable: true });
      const moved = new Database(kiosk.service.startReport.quarantinedPath!, { readonly: true });
      expect(moved.prepare('SELECT something FROM meta').get()).toEqual({ something: '1' });
      moved.close();
    } finally {
      kiosk.close();
    }
  });
});

describe('retention', () => {
  it('purges delivered confirmations after the retention but never a queued one', async () => {
    const clock = manualClock(SIMULATED_WORLD_START);
    const kiosk = openService(testConfig(sim.url, dir.path, { retentionDays: 30 }), { clock });
    try {
      const delivered = await kiosk.service.confirm(faceIdentity('yamada-taro'));
      sim.faults.inject({ kind: 'status', status: 503, times: 3, operation: 'confirmByCard' });
      const queued = await kiosk.service.confirm(faceIdentity('sato-hanako'));
      clock.advance(29 * 86_400_000);
      expect(kiosk.service.purge().confirmations).toBe(0);
      clock.advance(2 * 86_400_000);
      expect(kiosk.service.purge().confirmations).toBe(1);
      expect(kiosk.service.confirmation(delivered.requestId)).toBeUndefined();
      expect(kiosk.service.confirmation(queued.requestId)?.entry.deliveredAt).toBeNull();
    } finally {
      kiosk.close();
    }
  });
});
