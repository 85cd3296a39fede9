// The terminal's side of the clinic folder: watches req/ (file-system events and a periodic scan,
// since events are lost on network shares), claims each complete request by renaming it into this
// terminal's own folder (so kiosks sharing the folder never answer the same file), answers it
// through the eligibility client and its cache, and moves it to trash/. The journal (journal.ts)
// makes each answer happen exactly once across restarts and crashes; a malformed or unknown request
// gets an error answer, never silence. Old results are removed after the retention.
import { createHash, randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  watch,
  type FSWatcher,
} from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import pLimit from 'p-limit';
import type { Clock } from '../clock';
import { isKioskError } from '../errors/kiosk-error';
import { clinicDayOf } from '../eligibility/clinic-day';
import type { EligibilityConfig } from '../eligibility/config';
import { InsuranceInputError, type EligibilityService } from '../eligibility/service';
import type { Logger } from '../log/logger';
import { temporaryName, writeAtomically, writeTemporaryAsync } from './clinic-folder';
import type { ClinicConfig } from './config';
import { openClinicJournal, type ClinicJournal } from './journal';
import { readRequest, requestFileName, type ClinicRequest, type RequestFileName } from './requests';
import { reasonOfCatalogueCode } from './result-codes';
import {
  answerBody,
  batchReceptionDocument,
  batchResultDocument,
  failureBody,
  fileErrorDocument,
  localStamp,
  searchInfoOf,
  singleAnswerDocument,
  type HeaderInput,
  type Query,
} from './results';
import type { AnswerBody } from './layout';
import type { WrittenDocument } from './xml';

export interface ClinicFolderOptions {
  config: ClinicConfig;
  terminalId: string;
  medicalInstitutionCode: string;
  /** The clinic day (for retention): the eligibility cache's day end and offset. */
  clinicDay: EligibilityConfig['cache'];
  eligibility: Pick<EligibilityService, 'lookupByInsuranceCard'>;
  /** The kiosk's eligibility database (the journal's table lives there). */
  databasePath: string;
  clock: Clock;
  log: Logger;
}

export interface ClinicFolderStats {
  answered: number;
  errors: number;
  duplicates: number;
  recovered: number;
}

export interface ClinicFolder {
  /** Scans req/ now; resolves when every complete request found has been answered. */
  scan(): Promise<void>;
  /** Removes result files older than the retention; returns how many. */
  cleanUp(): number;
  stats(): ClinicFolderStats;
  close(): Promise<void>;
}

interface Seen {
  size: number;
  mtimeMs: number;
  since: number;
}

const BATCH_DIR = 'batch';
const EVENT_DELAY_MS = 25;
/** Files in flight per look-up slot: while `concurrency` files wait on the service, the others
 *  are read, written and fsynced, so the file work never leaves a look-up slot idle — even when
 *  a busy disk makes each fsync take tens of milliseconds. */
const FILES_PER_LOOK_UP = 8;

export function startClinicFolder(options: ClinicFolderOptions): ClinicFolder {
  const { config, clock, medicalInstitutionCode } = options;
  const log = options.log.child({ component: 'clinic-folder' });
  const root = config.folder;
  const dirs = {
    req: join(root, 'req'),
    res: join(root, 'res'),
    face: join(root, 'face'),
    trash: join(root, config.trashDir),
    batch: join(root, BATCH_DIR),
    claim: join(root, config.claimDir, options.terminalId),
  };
  const mode = parseInt(config.folderMode, 8);
  for (const dir of [root, ...Object.values(dirs), join(root, config.claimDir)]) {
    mkdirSync(dir, { recursive: true, mode });
    try {
      chmodSync(dir, mode);
    } catch (error) {
      // A folder IT created for another user: leave its mode to IT, but say so.
      log.warn('clinic.folder-mode', { dir, error: error instanceof Error ? error.message : String(error) });
    }
  }
  const journal: ClinicJournal = openClinicJournal(options.databasePath);
  const owner = `${options.terminalId}`;
  const stats: ClinicFolderStats = { answered: 0, errors: 0, duplicates: 0, recovered: 0 };
  const seen = new Map<string, Seen>();
  const queued = new Set<string>();
  const queue: string[] = [];
  let active = 0;
  let closed = false;
  let waiters: Array<() => void> = [];
  let stabilityTimer: NodeJS.Timeout | undefined;
  let eventTimer: NodeJS.Timeout | undefined;
  // Only the look-ups are limited to `concurrency` (what the service is asked at the same time);
  // reading, writing, fsyncing and moving files overlap with them.
  // At most `concurrency` look-ups wait on the service at once, in the order they asked (p-limit).
  const lookUpSlot = pLimit(config.concurrency);

  const headerInput = (request?: { arbitraryFileIdentifier?: string | undefined }): HeaderInput => ({
    medicalInstitutionCode,
    arbitraryFileIdentifier: request?.arbitraryFileIdentifier,
    reference: 'insurance-card',
    at: clock.now(),
    utcOffsetMinutes: clock.utcOffsetMinutes,
  });

  /** One query through the client (its cache first); every failure becomes an answer. */
  async function answerQuery(query: Query, forDay?: string): Promise<AnswerBody> {
    const searchInfo = searchInfoOf(query);
    try {
      const outcome = await lookUpSlot(() =>
        options.eligibility.lookupByInsuranceCard(
          {
            insurerNumber: query.insurerNumber,
            symbol: query.symbol,
            number: query.number,
            branch: query.branch,
            birthDate: query.birthDate,
          },
          forDay ? { forDay } : {},
        ),
      );
      return answerBody(
        outcome,
        {
          reference: 'insurance-card',
          limitConsent: query.limitConsent,
          utcOffsetMinutes: clock.utcOffsetMinutes,
        },
        searchInfo,
      );
    } catch (error) {
      if (error instanceof InsuranceInputError) {
        return failureBody('query-invalid', searchInfo, error.problems.map((p) => p.message).join(' '));
      }
      if (!isKioskError(error)) log.error('clinic.look-up-failed', { error: String(error) });
      return failureBody(
        reasonOfCatalogueCode(isKioskError(error) ? error.code : 'kiosk.internal'),
        searchInfo,
      );
    }
  }

  async function answerRequest(request: ClinicRequest): Promise<WrittenDocument> {
    const header = headerInput(request);
    if (request.medicalInstitutionCode !== medicalInstitutionCode) {
      return fileErrorDocument(header, 'request-other-institution');
    }
    switch (request.kind) {
      case 'single':
        return singleAnswerDocument(header, await answerQuery(request.query));
      case 'batch-upload': {
        const receptionNumber = `${localStamp(clock.now(), clock.utcOffsetMinutes)}${randomBytes(5).toString('hex')}`;
        // Kept in the shared folder, so any kiosk sharing it can answer the fetch.
        writeAtomically(dirs.batch, `${receptionNumber}.json`, Buffer.from(JSON.stringify(request)));
        void warmBatch(request);
        return batchReceptionDocument(header, receptionNumber);
      }
      case 'batch-fetch': {
        const path = join(dirs.batch, `${request.receptionNumber}.json`);
        if (!/^\w+$/.test(request.receptionNumber) || !existsSync(path)) {
          return fileErrorDocument(header, 'request-unknown-reception');
        }
        const batch = JSON.parse(readFileSync(path, 'utf8')) as Extract<
          ClinicRequest,
          { kind: 'batch-upload' }
        >;
        const bodies = await inParallel(batch.queries, (query) => answerQuery(query, batch.forDay));
        return batchResultDocument(header, request.receptionNumber, bodies);
      }
    }
  }

  /** Looks a batch up in the background so the fetch is answered from the cache. */
  async function warmBatch(batch: Extract<ClinicRequest, { kind: 'batch-upload' }>) {
    try {
      await inParallel(batch.queries, (query) => answerQuery(query, batch.forDay), 2);
    } catch (error) {
      log.warn('clinic.batch-warm-failed', { error: String(error) });
    }
  }

  async function inParallel<T, R>(items: T[], run: (item: T) => Promise<R>, limit = config.concurrency) {
    const results: R[] = new Array(items.length);
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await run(items[index]!);
      }
    };
    await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
    return results;
  }

  async function documentFor(
    name: RequestFileName,
    bytes: Buffer,
  ): Promise<{ document: WrittenDocument; error: boolean }> {
    if (!name.kind) {
      return { document: fileErrorDocument(headerInput(), 'request-unknown-kind', name.prefix), error: true };
    }
    const reading = readRequest(name.kind, bytes);
    if (!reading.ok) {
      const header = headerInput({ arbitraryFileIdentifier: reading.arbitraryFileIdentifier });
      return { document: fileErrorDocument(header, reading.reason, reading.problem), error: true };
    }
    const document = await answerRequest(reading.request);
    return { document, error: document.xml.includes('<SegmentOfResult>9</SegmentOfResult>') };
  }

  /** Moves a handled request to trash/ (a duplicate under a marked name). */
  async function discard(fileName: string, duplicate: boolean) {
    const target = duplicate
      ? `${fileName}.duplicate-${clock.now()}-${randomBytes(3).toString('hex')}`
      : fileName;
    await rename(join(dirs.claim, fileName), join(dirs.trash, target));
  }

  /** Answers one claimed file, resuming wherever the journal says a previous run stopped. */
  async function handleClaimed(fileName: string): Promise<void> {
    const name = requestFileName(fileName)!;
    const path = join(dirs.claim, fileName);
    // A claimed request is ours alone and a few kilobytes: one read, no trip through the pool.
    const bytes = readFileSync(path);
    const digest = createHash('sha256').update(bytes).digest('hex');
    let entry = journal.get(fileName, digest);
    if (!entry) {
      // Already answered by any kiosk sharing the folder: the same file is in trash/.
      const handled = join(dirs.trash, fileName);
      if (
        existsSync(handled) &&
        createHash('sha256').update(readFileSync(handled)).digest('hex') === digest
      ) {
        stats.duplicates++;
        log.info('clinic.duplicate', { file: fileName });
        await discard(fileName, true);
        return;
      }
      const at = clock.now();
      journal.claim(fileName, digest, at);
      entry = { name: fileName, digest, state: 'claimed', answerName: null, claimedAt: at };
    } else if (entry.state === 'done') {
      stats.duplicates++;
      log.info('clinic.duplicate', { file: fileName });
      await discard(fileName, true);
      return;
    } else {
      stats.recovered++;
      log.info('clinic.resumed', { file: fileName, state: entry.state });
    }
    const temporary = join(dirs.res, temporaryName(name.answerName, owner));
    if (entry.state === 'claimed') {
      const { document, error } = await documentFor(name, bytes);
      await writeTemporaryAsync(dirs.res, name.answerName, document.bytes, owner);
      journal.advance(fileName, digest, 'ready', clock.now(), name.answerName);
      if (error) stats.errors++;
      if (document.substituted > 0)
        log.warn('clinic.characters-substituted', { file: fileName, count: document.substituted });
      entry.state = 'ready';
    }
    if (entry.state === 'ready') {
      try {
        await rename(temporary, join(dirs.res, name.answerName));
      } catch (error) {
        // Not there any more: renamed before the crash (and perhaps already taken by the clinic).
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      journal.advance(fileName, digest, 'answered', clock.now());
      stats.answered++;
      entry.state = 'answered';
    }
    await discard(fileName, false);
    journal.advance(fileName, digest, 'done', clock.now());
    log.info('clinic.answered', { file: fileName, kind: name.kind ?? 'unknown' });
  }

  function pump() {
    while (!closed && active < config.concurrency * FILES_PER_LOOK_UP && queue.length > 0) {
      const fileName = queue.shift()!;
      active++;
      handleClaimed(fileName)
        .catch((error) => log.error('clinic.answer-failed', { file: fileName, error: String(error) }))
        .finally(() => {
          active--;
          queued.delete(fileName);
          pump();
          if (active === 0 && queue.length === 0) settle();
        });
    }
  }

  function settle() {
    const done = waiters;
    waiters = [];
    for (const resolve of done) resolve();
  }

  function enqueue(fileName: string) {
    if (queued.has(fileName)) return;
    queued.add(fileName);
    queue.push(fileName);
  }

  /** Claims every complete request in req/; a file still changing is looked at again later. */
  function claimComplete(): void {
    const now = clock.now();
    let waiting = false;
    let names: string[];
    try {
      names = readdirSync(dirs.req);
    } catch (error) {
      log.error('clinic.req-unreadable', { error: String(error) });
      return;
    }
    const present = new Set(names);
    for (const key of seen.keys()) if (!present.has(key)) seen.delete(key);
    for (const fileName of names) {
      if (!requestFileName(fileName)) continue;
      let stat;
      try {
        stat = statSync(join(dirs.req, fileName));
      } catch {
        continue; // taken by another kiosk meanwhile
      }
      if (!stat.isFile()) continue;
      const previous = seen.get(fileName);
      if (!previous || previous.size !== stat.size || previous.mtimeMs !== stat.mtimeMs) {
        seen.set(fileName, { size: stat.size, mtimeMs: stat.mtimeMs, since: now });
        waiting = true;
        continue;
      }
      if (now - previous.since < config.stableMs) {
        waiting = true;
        continue;
      }
      // One claim per name at a time: a second copy waits in req/ until the first is handled.
      if (queued.has(fileName) || existsSync(join(dirs.claim, fileName))) continue;
      try {
        renameSync(join(dirs.req, fileName), join(dirs.claim, fileName));
      } catch {
        continue; // another kiosk claimed it first
      }
      seen.delete(fileName);
      enqueue(fileName);
    }
    if (waiting && !stabilityTimer && !closed) {
      stabilityTimer = setTimeout(
        () => {
          stabilityTimer = undefined;
          tick();
        },
        Math.max(config.stableMs, 20),
      );
      stabilityTimer.unref();
    }
  }

  function tick() {
    if (closed) return;
    claimComplete();
    pump();
  }

  function cleanUp(): number {
    const today = clinicDayOf(clock.date(), options.clinicDay);
    const limit = Date.parse(`${today}T00:00:00Z`) - config.retentionDays * 86_400_000;
    let removed = 0;
    for (const dir of [dirs.face, dirs.res, dirs.trash, dirs.batch]) {
      for (const fileName of readdirSync(dir)) {
        const path = join(dir, fileName);
        try {
          const stat = statSync(path);
          if (!stat.isFile()) continue;
          const day = clinicDayOf(new Date(stat.mtimeMs), options.clinicDay);
          if (Date.parse(`${day}T00:00:00Z`) < limit) {
            unlinkSync(path);
            removed++;
          }
        } catch {
          // Taken by the clinic system meanwhile.
        }
      }
    }
    journal.purge(clock.now() - (config.retentionDays + 2) * 86_400_000);
    if (removed > 0) log.info('clinic.cleaned-up', { removed });
    return removed;
  }

  // What a previous run left claimed is finished first (the journal says how far it got).
  for (const fileName of readdirSync(dirs.claim)) {
    if (requestFileName(fileName)) enqueue(fileName);
    else if (fileName.endsWith('.tmp')) rmSync(join(dirs.claim, fileName), { force: true });
  }
  cleanUp();

  let watcher: FSWatcher | undefined;
  if (config.answerRequests) {
    try {
      // A burst of files is a burst of events: one scan shortly after the first is enough.
      watcher = watch(dirs.req, () => {
        if (eventTimer || closed) return;
        eventTimer = setTimeout(() => {
          eventTimer = undefined;
          tick();
        }, EVENT_DELAY_MS);
      });
      watcher.on('error', (error) => log.warn('clinic.watch-failed', { error: String(error) }));
    } catch (error) {
      log.warn('clinic.watch-failed', { error: String(error) });
    }
  }
  const timers = [
    ...(config.answerRequests ? [setInterval(tick, config.scanIntervalMs)] : []),
    setInterval(cleanUp, 3_600_000),
  ];
  for (const timer of timers) timer.unref();
  if (config.answerRequests) tick();

  return {
    async scan() {
      claimComplete();
      pump();
      if (active === 0 && queue.length === 0) return;
      await new Promise<void>((resolve) => waiters.push(resolve));
    },
    cleanUp,
    stats: () => ({ ...stats }),
    async close() {
      closed = true;
      watcher?.close();
      for (const timer of timers) clearInterval(timer);
      if (stabilityTimer) clearTimeout(stabilityTimer);
      if (eventTimer) clearTimeout(eventTimer);
      while (active > 0) await new Promise<void>((resolve) => waiters.push(resolve));
      journal.close();
    },
  };
}
