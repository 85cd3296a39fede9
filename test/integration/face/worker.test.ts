// The face worker's failure paths: missing models, a worker that is gone and a worker that hangs
// give a typed error, never a hang. And its start: in the background, waited for by the first session.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import { manualClock, SIMULATED_WORLD_START } from '../../../electron/clock';
import { faceConfigSchema } from '../../../electron/face/config';
import { analysisSettings, createFaceVerifier } from '../../../electron/face/verifier';
import { startFaceWorker } from '../../../electron/face/worker-client';
import { createLogger, memorySink } from '../../../electron/log/logger';

const log = createLogger(memorySink());
const yamadaCard = new Uint8Array(
  readFileSync(path.resolve(import.meta.dirname, '../../fixtures/faces/yamada-taro-card.j2k')),
);
const settings = analysisSettings(faceConfigSchema.parse({}));

describe('face worker', () => {
  it('refuses to start without its models, with face.engine-failed', async () => {
    const broken = {
      ...settings,
      paths: { ...settings.paths, modelsDir: '/nonexistent/models' },
    };
    await expect(startFaceWorker(broken, log)).rejects.toMatchObject({ code: 'face.engine-failed' });
  });

  it('refuses to start when the embedding model is not the vendored file', async () => {
    const wrong = { ...settings, paths: { ...settings.paths, embeddingModel: import.meta.filename } };
    await expect(startFaceWorker(wrong, log)).rejects.toMatchObject({ code: 'face.engine-failed' });
  });

  it('ends a worker that stops answering: the call fails, and the next session gets a fresh worker', async () => {
    // A stand-in worker that says it is ready and then never answers (a hung inference).
    let spawned = 0;
    const hung = () => {
      spawned++;
      return new Worker(
        "require('node:worker_threads').parentPort.postMessage({ id: 0, ok: true, value: 'ready' });" +
          "require('node:worker_threads').parentPort.on('message', () => {});",
        { eval: true },
      );
    };
    const sink = memorySink();
    const verifier = await createFaceVerifier({
      config: faceConfigSchema.parse({}),
      log: createLogger(sink),
      clock: manualClock(SIMULATED_WORLD_START),
      worker: { spawn: hung, callTimeoutMs: 300 },
    });
    try {
      await expect(verifier.startSession(new Uint8Array(100))).rejects.toMatchObject({
        code: 'face.engine-failed',
      });
      expect(sink.lines.join('')).toContain('face.worker-timeout');
      // The next face check is not stuck behind the hung call: it starts a new worker.
      await expect(verifier.startSession(new Uint8Array(100))).rejects.toMatchObject({
        code: 'face.engine-failed',
      });
      expect(spawned).toBe(2);
      expect(sink.lines.join('')).toContain('face.worker-restart');
    } finally {
      await verifier.close();
    }
  });

  it('is ready to take a session while its models still load: the session waits for the worker', async () => {
    const sink = memorySink();
    const verifier = await createFaceVerifier({
      config: faceConfigSchema.parse({}),
      log: createLogger(sink),
      clock: manualClock(SIMULATED_WORLD_START),
    });
    try {
      // The kiosk shows idle now; the worker has not said it is ready yet.
      expect(sink.lines.join('')).not.toContain('face.worker-ready');
      const session = await verifier.startSession(yamadaCard);
      expect(session.initial.final).toBe(false);
      expect(session.initial.outcome).toBeNull(); // not bad-card-photo: the card was described
      expect(sink.lines.join('')).toContain('face.worker-ready');
      session.cancel();
    } finally {
      await verifier.close();
    }
  });

  it('starts its worker for a session that comes before the moment it was told to start', async () => {
    const sink = memorySink();
    const verifier = await createFaceVerifier({
      config: faceConfigSchema.parse({}),
      log: createLogger(sink),
      clock: manualClock(SIMULATED_WORLD_START),
      startWhen: new Promise(() => undefined), // the first screen never comes
    });
    try {
      const session = await verifier.startSession(yamadaCard);
      expect(session.initial.outcome).toBeNull();
      session.cancel();
    } finally {
      await verifier.close();
    }
  });

  it('a worker that fails to start is reported, and the next session starts a fresh one', async () => {
    let spawned = 0;
    const failing = () => {
      spawned++;
      return new Worker(
        "require('node:worker_threads').parentPort.postMessage({ id: 0, ok: false, code: 'face.engine-failed', detail: 'no models' });",
        { eval: true },
      );
    };
    const sink = memorySink();
    const verifier = await createFaceVerifier({
      config: faceConfigSchema.parse({}),
      log: createLogger(sink),
      clock: manualClock(SIMULATED_WORLD_START),
      worker: { spawn: failing },
    });
    try {
      await expect(verifier.startSession(yamadaCard)).rejects.toMatchObject({ code: 'face.engine-failed' });
      expect(sink.lines.join('')).toContain('face.worker-start-failed');
      expect(spawned).toBe(2);
    } finally {
      await verifier.close();
    }
  });

  it('answers face.engine-failed once the worker is gone', async () => {
    const worker = await startFaceWorker(settings, log);
    expect(worker.alive).toBe(true);
    await worker.close();
    expect(worker.alive).toBe(false);
    await expect(
      worker.analyseFrame({ format: 'jpeg', data: new Uint8Array([0xff, 0xd8]) }),
    ).rejects.toMatchObject({
      code: 'face.engine-failed',
    });
  });

  it('refuses a malformed frame with face.frame-invalid and keeps working', async () => {
    const worker = await startFaceWorker(settings, log);
    try {
      await expect(
        worker.analyseFrame({ format: 'jpeg', data: new Uint8Array(100).fill(1) }),
      ).rejects.toMatchObject({
        code: 'face.frame-invalid',
      });
      await expect(
        worker.analyseFrame({ format: 'rgba', width: 64, height: 64, data: new Uint8Array(10) }),
      ).rejects.toMatchObject({ code: 'face.frame-invalid' });
      const blank = await worker.analyseFrame({
        format: 'rgba',
        width: 64,
        height: 64,
        data: new Uint8Array(64 * 64 * 4),
      });
      expect(blank.faces).toEqual([]);
    } finally {
      await worker.close();
    }
  });
});
