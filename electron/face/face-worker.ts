// The face worker thread: owns face-api and the WASM backend so inference never blocks the main
// process's event loop. Stateless between messages: each request carries its own pixels and the
// reply carries numbers only.
import { parentPort, workerData } from 'node:worker_threads';
import { isKioskError } from '../errors/kiosk-error';
import { createFaceAnalysis, type AnalysisSettings } from './analysis';
import type { WorkerReply, WorkerRequest } from './worker-protocol';

const port = parentPort;
if (!port) throw new Error('face-worker must run in a worker thread');

const ready = createFaceAnalysis(workerData as AnalysisSettings);
ready.then(
  () => port.postMessage({ id: 0, ok: true, value: 'ready' } satisfies WorkerReply),
  (error: unknown) =>
    port.postMessage({
      id: 0,
      ok: false,
      code: 'face.engine-failed',
      detail: error instanceof Error ? error.message.slice(0, 200) : 'init failed',
    } satisfies WorkerReply),
);

port.on('message', (request: WorkerRequest) => {
  void (async (): Promise<WorkerReply> => {
    try {
      const analysis = await ready;
      if (request.kind === 'describe-card')
        return { id: request.id, ok: true, value: await analysis.describeCard(request.j2k) };
      return { id: request.id, ok: true, value: await analysis.analyseFrame(request.frame) };
    } catch (error) {
      // Only the code and a non-personal detail cross back; never pixels.
      if (isKioskError(error))
        return { id: request.id, ok: false, code: error.code, detail: error.logDetail ?? '' };
      return { id: request.id, ok: false, code: 'face.engine-failed', detail: String(error).slice(0, 200) };
    }
  })().then((reply) => port.postMessage(reply));
});
