// The console's reservation batch check (一括照会): a CSV read with per-row errors, then checked
// in the background with the eligibility client's bounded concurrency; the page polls progress.
// The answers land in the kiosk's own cache, so a patient who arrives finds them there.
import { randomUUID } from 'node:crypto';
import type { Clock } from '../clock';
import type { BatchProgress } from '../contract';
import { checkReservations, readReservations, summarise } from '../eligibility/batch';
import type { EligibilityService } from '../eligibility/service';
import { KioskError } from '../errors/kiosk-error';

/** Finished batches kept for the page; older ones are forgotten. */
const KEPT_BATCHES = 20;

export interface BatchJobs {
  start(csv: string, onFinished?: (progress: BatchProgress) => void): BatchProgress;
  status(batchId: string): BatchProgress;
}

export function createBatchJobs(options: {
  eligibility: Pick<EligibilityService, 'lookupByInsuranceCard'>;
  concurrency: number;
  clock: Clock;
}): BatchJobs {
  const jobs = new Map<string, BatchProgress>();
  const snapshot = (job: BatchProgress): BatchProgress => ({ ...job, results: [...job.results] });

  return {
    start(csv, onFinished) {
      const read = readReservations(csv, options.clock.today());
      if ('headerError' in read) throw new KioskError('staff.batch-invalid', read.headerError);
      const job: BatchProgress = {
        batchId: randomUUID(),
        total: read.reservations.length,
        done: 0,
        finished: read.reservations.length === 0,
        rejected: read.errors,
        results: [],
        summary: null,
      };
      jobs.set(job.batchId, job);
      while (jobs.size > KEPT_BATCHES) jobs.delete(jobs.keys().next().value!);
      void checkReservations(options.eligibility, read.reservations, {
        concurrency: options.concurrency,
        onProgress: (done) => {
          job.done = done;
        },
      }).then((results) => {
        job.results = results.map((r) => ({ ...r }));
        const { total: _total, ...summary } = summarise(results);
        job.summary = summary;
        job.finished = true;
        onFinished?.(snapshot(job));
      });
      return snapshot(job);
    },
    status(batchId) {
      const job = jobs.get(batchId);
      if (!job) throw new KioskError('staff.batch-unknown');
      return snapshot(job);
    },
  };
}
