// The main side's handle on the face worker. Pixels are copied into fresh buffers and transferred
// (not shared) to the worker, so no second copy lingers here. Every call has a deadline: a worker
// that does not answer in time is ended (it answers its calls in order, so a hung one would hold
// every later face check), the call fails with face.engine-failed, and the verifier starts a fresh
// worker for the next session.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { KioskError } from '../errors/kiosk-error';
import type { Logger } from '../log/logger';
import type { AnalysisSettings, FaceAnalysis } from './analysis';
import type { CameraFrame } from './frame';
import type { FrameObservation } from './session';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

export interface WorkerFaceAnalysis extends FaceAnalysis {
  /** False once the worker has crashed or exited; start a new one. */
  readonly alive: boolean;
  close(): Promise<void>;
}

/** Set by a bundle that keeps the compiled worker elsewhere than beside this file (scripts/start.mjs). */
declare const __UKETSUKE_FACE_WORKER_URL__: string | undefined;

/**
 * The compiled worker beside this file in a build, or where the bundle says. In development (tsx,
 * vitest) the TypeScript source is loaded through tsx's loader, registered inside the worker by a
 * two-line bootstrap: Node 20 does not apply `--import tsx` from a worker's execArgv.
 */
function spawnWorker(workerData: AnalysisSettings): Worker {
  const js =
    typeof __UKETSUKE_FACE_WORKER_URL__ === 'string'
      ? new URL(__UKETSUKE_FACE_WORKER_URL__)
      : new URL('./face-worker.js', import.meta.url);
  if (existsSync(fileURLToPath(js))) return new Worker(js, { workerData });
  const ts = new URL('./face-worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then((api) => { api.register(); return import(${JSON.stringify(ts)}); });`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/**
 * Longest a single call may take. The card photo (SSD on the padded photo) took 2.5 s at load
 * average 13 on 2 cores (bench:face); a frame ~0.2 s. Beyond this the worker is taken to be hung.
 */
export const DEFAULT_CALL_TIMEOUT_MS = 15_000;

export interface FaceWorkerOptions {
  readyTimeoutMs?: number;
  callTimeoutMs?: number;
  /** Tests only: a stand-in worker (e.g. one that never answers). */
  spawn?: (workerData: AnalysisSettings) => Worker;
}

export async function startFaceWorker(
  settings: AnalysisSettings,
  log: Logger,
  options: FaceWorkerOptions = {},
): Promise<WorkerFaceAnalysis> {
  const worker = (options.spawn ?? spawnWorker)(settings);
  const callTimeoutMs = options.callTimeoutMs ?? DEFAULT_CALL_TIMEOUT_MS;
  const pending = new Map<number, { resolve: (v: WorkerReply) => void }>();
  let nextId = 1;
  let dead: string | null = null;

  const failAll = (reason: string) => {
    dead = reason;
    for (const [id, p] of pending) p.resolve({ id, ok: false, code: 'face.engine-failed', detail: reason });
    pending.clear();
  };

  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new KioskError('face.engine-failed', 'worker start timed out')),
      options.readyTimeoutMs ?? 60_000,
    );
    worker.on('message', (reply: WorkerReply) => {
      if (reply.id === 0) {
        clearTimeout(timer);
        if (reply.ok) resolve();
        else reject(new KioskError('face.engine-failed', reply.detail));
        return;
      }
      pending.get(reply.id)?.resolve(reply);
      pending.delete(reply.id);
    });
    worker.on('error', (error) => {
      clearTimeout(timer);
      log.error('face.worker-error', { reason: error.message.slice(0, 200) });
      failAll('worker error');
      reject(new KioskError('face.engine-failed', 'worker error'));
    });
    worker.on('exit', (code) => {
      clearTimeout(timer);
      failAll(`worker exited ${code}`);
      reject(new KioskError('face.engine-failed', `worker exited ${code}`));
    });
  });
  try {
    await ready;
  } catch (error) {
    await worker.terminate();
    throw error;
  }
  log.info('face.worker-ready');

  type Request = { kind: 'describe-card'; j2k: Uint8Array } | { kind: 'analyse-frame'; frame: CameraFrame };
  const call = async (request: Request, transfer: ArrayBuffer[]): Promise<WorkerReply> => {
    if (dead) throw new KioskError('face.engine-failed', dead);
    const id = nextId++;
    let timer: NodeJS.Timeout | undefined;
    const reply = new Promise<WorkerReply>((resolve) => {
      pending.set(id, { resolve });
      timer = setTimeout(() => {
        log.error('face.worker-timeout', { kind: request.kind, afterMs: callTimeoutMs });
        failAll('worker call timed out');
        void worker.terminate();
      }, callTimeoutMs);
    });
    worker.postMessage({ ...request, id } satisfies WorkerRequest, transfer);
    try {
      return await reply;
    } finally {
      clearTimeout(timer);
    }
  };

  const unwrap = <T>(reply: WorkerReply): T => {
    if (!reply.ok) throw new KioskError(reply.code, reply.detail);
    return reply.value as T;
  };

  return {
    get alive() {
      return dead === null;
    },
    async describeCard(j2k) {
      const copy = new Uint8Array(j2k); // a copy: Buffer.slice would share memory
      return unwrap<Float32Array>(await call({ kind: 'describe-card', j2k: copy }, [copy.buffer]));
    },
    async analyseFrame(frame: CameraFrame) {
      const data = new Uint8Array(frame.data);
      const copy: CameraFrame = { ...frame, data };
      return unwrap<FrameObservation>(await call({ kind: 'analyse-frame', frame: copy }, [data.buffer]));
    },
    async close() {
      failAll('closed');
      await worker.terminate();
    },
  };
}
