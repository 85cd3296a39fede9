// The face verification service the composition root wires: one worker, one session at a time.
//
//   const verifier = await createFaceVerifier({ config: kioskConfig.face, log, modelsDir });
//   const session = await verifier.startSession(df27Bytes);   // session.initial: first prompt
//   const progress = await session.submitFrame({ format: 'jpeg', data });  // a few per second
//   ... until progress.final; session.cancel() on leaving the screen; verifier.close() at exit.
import { randomInt } from 'node:crypto';
import { systemClock, type Clock } from '../clock';
import { isKioskError, KioskError } from '../errors/kiosk-error';
import type { Logger } from '../log/logger';
import type { AnalysisSettings, FaceAnalysis } from './analysis';
import { DEFAULT_CARD_PHOTO_LIMITS } from './card-photo';
import type { FaceConfig } from './config';
import { DEFAULT_ENGINE_OPTIONS } from './face-engine';
import { DEFAULT_FRAME_LIMITS, type CameraFrame } from './frame';
import { resolveModelPaths } from './models';
import { badCardPhotoProgress, FaceDecider, type FaceProgress } from './session';
import { warmUp } from '../warm-up';
import { startFaceWorker, type FaceWorkerOptions, type WorkerFaceAnalysis } from './worker-client';

export interface FaceSession {
  /** What to show before the first frame (or the final bad-card-photo outcome). */
  readonly initial: FaceProgress;
  /** Analyse one frame; frames sent while one is being analysed are refused (drop them). */
  submitFrame(frame: CameraFrame): Promise<FaceProgress>;
  /** Ends the session and forgets everything it held. */
  cancel(): void;
}

export interface FaceVerifier {
  startSession(cardPhotoJ2k: Uint8Array): Promise<FaceSession>;
  close(): Promise<void>;
}

/**
 * The mask threshold: below the smallest lower-face/eye texture ratio of any unmasked photo in the
 * development set (bench:face prints the distribution).
 */
export const MASK_TEXTURE_THRESHOLD = 0.3;

export interface FaceVerifierOptions {
  config: FaceConfig;
  log: Logger;
  /** resources/models when packaged; absent or incomplete → the installed packages' folders. */
  modelsDir?: string;
  /** Injected for tests and benchmarks; default: the worker thread. */
  analysis?: FaceAnalysis;
  /** Challenge and attempt timeouts are measured on it; default: the system clock. */
  clock?: Clock;
  randomInt?: (maxExclusive: number) => number;
  /** Passed to the worker: its per-call deadline and (tests) a stand-in worker. */
  worker?: FaceWorkerOptions;
  /** Start the worker when this settles (the kiosk shows its first screen); default: now. */
  startWhen?: Promise<unknown>;
}

export function analysisSettings(config: FaceConfig, modelsDir?: string): AnalysisSettings {
  return {
    paths: resolveModelPaths(modelsDir),
    engine: { ...DEFAULT_ENGINE_OPTIONS, ...config.engine },
    cardLimits: DEFAULT_CARD_PHOTO_LIMITS,
    frameLimits: DEFAULT_FRAME_LIMITS,
    analysisMaxSide: 640,
  };
}

export async function createFaceVerifier(options: FaceVerifierOptions): Promise<FaceVerifier> {
  const { config, log } = options;
  const settings = analysisSettings(config, options.modelsDir);
  const startWorker = () => {
    const starting = startFaceWorker(settings, log, options.worker);
    // Awaited by the first session; a failed start is logged now and retried by that session.
    starting.catch((error: unknown) =>
      log.error('face.worker-start-failed', { reason: error instanceof Error ? error.message : 'unknown' }),
    );
    return starting;
  };
  // The worker loads its models in the background (from startWhen); a card placed before it is
  // ready waits for it in startSession.
  const first = options.analysis ? null : warmUp(startWorker, options.startWhen);
  let owned: Promise<WorkerFaceAnalysis> | null = null;
  const liveAnalysis = async (): Promise<FaceAnalysis> => {
    if (!first) return options.analysis!;
    const asked = (owned ??= first.get());
    const worker = await asked.catch(() => null);
    if (worker?.alive) return worker;
    if (owned !== asked) return owned; // another session replaced it meanwhile
    // A crashed, timed-out or never-started worker is replaced at the next session, not mid-session.
    log.warn('face.worker-restart');
    await worker?.close();
    owned = startWorker();
    return owned;
  };
  const clock = options.clock ?? systemClock();
  const now = () => clock.now();
  const random = options.randomInt ?? ((max: number) => randomInt(max));
  let current: { cancel(): void } | null = null;

  return {
    async startSession(cardPhotoJ2k) {
      current?.cancel();
      const analysis = await liveAnalysis();
      let card: Float32Array;
      try {
        card = await analysis.describeCard(cardPhotoJ2k);
      } catch (error) {
        if (!isKioskError(error) || !error.code.startsWith('face.card-photo')) throw error;
        log.warn('face.card-photo-refused', { code: error.code, detail: error.logDetail });
        const final = badCardPhotoProgress(config);
        return { initial: final, submitFrame: async () => final, cancel: () => {} };
      }
      const decider = new FaceDecider(card, {
        config,
        now,
        randomInt: random,
        maskTextureThreshold: MASK_TEXTURE_THRESHOLD,
      });
      let busy = false;
      let cancelled = false;
      const session: FaceSession = {
        initial: decider.initial(),
        async submitFrame(frame) {
          if (cancelled) throw new KioskError('face.session-closed');
          if (busy) throw new KioskError('face.frame-invalid', 'frame while busy');
          busy = true;
          try {
            const observation = await analysis.analyseFrame(frame);
            if (cancelled) throw new KioskError('face.session-closed');
            const progress = decider.observe(observation);
            if (progress.outcome)
              log.info('face.attempt-ended', {
                outcome: progress.outcome,
                attempt: progress.attempt,
                final: progress.final,
              });
            if (progress.final) session.cancel();
            return progress;
          } finally {
            busy = false;
          }
        },
        cancel() {
          cancelled = true;
          decider.dispose();
          if (current === session) current = null;
        },
      };
      current = session;
      log.info('face.session-started');
      return session;
    },
    async close() {
      current?.cancel();
      first?.cancel();
      const worker = owned ?? first?.started();
      await (await worker?.catch(() => null))?.close();
    },
  };
}
