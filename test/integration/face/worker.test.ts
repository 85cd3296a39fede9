// The face worker's failure paths: missing models and a worker that is gone give a typed error,
// never a hang.
import { describe, expect, it } from 'vitest';
import { faceConfigSchema } from '../../../electron/face/config';
import { analysisSettings } from '../../../electron/face/verifier';
import { startFaceWorker } from '../../../electron/face/worker-client';
import { createLogger, memorySink } from '../../../electron/log/logger';

const log = createLogger(memorySink());
const settings = analysisSettings(faceConfigSchema.parse({}));

describe('face worker', () => {
  it('refuses to start without its models, with face.engine-failed', async () => {
    const broken = {
      ...settings,
      paths: { modelsDir: '/nonexistent/models', wasmDir: settings.paths.wasmDir },
    };
    await expect(startFaceWorker(broken, log)).rejects.toMatchObject({ code: 'face.engine-failed' });
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
