// Where the networks and the tfjs WASM binaries come from. Packaged builds carry them in
// resources/models/ (copied by scripts/copy-models.ts); a development checkout reads them from the
// installed packages. Nothing is ever fetched.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packagedResourceDir } from '../packaged-resources';

export interface ModelPaths {
  /** Folder with the *-weights_manifest.json and *.bin files. */
  modelsDir: string;
  /** Folder with tfjs-backend-wasm*.wasm. */
  wasmDir: string;
}

/** The face-api networks this kiosk uses (file stems in the model folder). */
export const MODEL_STEMS = [
  'tiny_face_detector_model',
  'ssd_mobilenetv1_model',
  'face_landmark_68_model',
  'face_recognition_model',
] as const;

export const WASM_FILES = [
  'tfjs-backend-wasm.wasm',
  'tfjs-backend-wasm-simd.wasm',
  'tfjs-backend-wasm-threaded-simd.wasm',
] as const;

export function packageModelPaths(): ModelPaths {
  const require = createRequire(import.meta.url);
  const faceApiDir = path.dirname(require.resolve('@vladmandic/face-api/package.json'));
  const wasmEntry = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  return {
    modelsDir: path.join(faceApiDir, 'model'),
    wasmDir: path.join(path.dirname(wasmEntry), 'dist'),
  };
}

function hasEverything(dir: string): boolean {
  return (
    MODEL_STEMS.every((stem) => existsSync(path.join(dir, `${stem}-weights_manifest.json`))) &&
    WASM_FILES.every((f) => existsSync(path.join(dir, f)))
  );
}

/**
 * The given folder (a checkout's resources/models) or the packaged app's `<resources>/models`
 * (outside app.asar) when it holds a complete copy, else the installed packages' own folders.
 */
export function resolveModelPaths(resourcesModelsDir = packagedResourceDir('models')): ModelPaths {
  if (resourcesModelsDir && hasEverything(resourcesModelsDir))
    return { modelsDir: resourcesModelsDir, wasmDir: resourcesModelsDir };
  return packageModelPaths();
}
