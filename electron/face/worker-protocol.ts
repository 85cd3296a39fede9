// Messages between the main side and the face worker.
import type { ErrorCode } from '../errors/catalogue';
import type { CameraFrame } from './frame';
import type { FrameObservation } from './session';

export type WorkerRequest =
  | { id: number; kind: 'describe-card'; j2k: Uint8Array }
  | { id: number; kind: 'analyse-frame'; frame: CameraFrame };

export type WorkerReply =
  | { id: number; ok: true; value: Float32Array | FrameObservation | 'ready' }
  | { id: number; ok: false; code: ErrorCode; detail: string };
