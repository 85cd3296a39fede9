// The pixel work of the face check, as two calls: embed the card photo, analyse one camera
// frame (detection, landmarks, aligned embedding). Runs inside the face worker (face-worker.ts); benchmarks call it in-process.
import { decodeCardPhoto, type CardPhotoLimits } from './card-photo';
import { createFaceEngine, type EngineOptions, type FaceEngine } from './face-engine';
import { decodeFrame, type CameraFrame, type FrameLimits } from './frame';
import { fitWithin, type RawImage } from './image';
import { KioskError } from '../errors/kiosk-error';
import type { ModelPaths } from './models';
import type { FrameObservation } from './session';

export interface AnalysisSettings {
  paths: ModelPaths;
  engine: EngineOptions;
  cardLimits: CardPhotoLimits;
  frameLimits: FrameLimits;
  /** Frames are scaled down to this width before detection (the renderer should already send ≤ 640). */
  analysisMaxSide: number;
}

export interface FaceAnalysis {
  describeCard(j2k: Uint8Array): Promise<Float32Array>;
  analyseFrame(frame: CameraFrame): Promise<FrameObservation>;
}

export async function createFaceAnalysis(settings: AnalysisSettings): Promise<FaceAnalysis> {
  const engine: FaceEngine = await createFaceEngine(settings.paths, settings.engine);
  return {
    async describeCard(j2k) {
      const photo = await decodeCardPhoto(j2k, settings.cardLimits);
      const described = await engine.describePortrait(photo);
      if (!described) throw new KioskError('face.card-photo-no-face');
      return described.embedding;
    },
    async analyseFrame(frame) {
      const image: RawImage = fitWithin(decodeFrame(frame, settings.frameLimits), settings.analysisMaxSide);
      const result = await engine.analyseFrame(image, { describe: true });
      return {
        width: result.width,
        height: result.height,
        faces: result.faces,
        embedding: result.embedding,
        sharpness: result.sharpness,
        lowerFaceTexture: result.lowerFaceTexture,
      };
    },
  };
}
