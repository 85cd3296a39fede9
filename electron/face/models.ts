// Where the networks come from. face-api's detector and landmark networks and the tfjs WASM
// binaries are in the installed packages (development) or resources/models/ (packaged, copied by
// scripts/copy-models.ts). The embedding network is vendored in the repository under
// resources/face-embedding/ and copied beside the others for packaging. Nothing is ever fetched.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { packagedResourceDir } from '../packaged-resources';

export interface ModelPaths {
  /** Folder with the *-weights_manifest.json and *.bin files. */
  modelsDir: string;
  /** Folder with tfjs-backend-wasm*.wasm. */
  wasmDir: string;
  /** The embedding network (fr_feature.onnx). */
  embeddingModel: string;
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

/** The vendored embedding network (resources/face-embedding/README.md has its source and licence). */
export const EMBEDDING_MODEL = {
  file: 'fr_feature.onnx',
  bytes: 4_884_269,
  sha256: '87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581',
} as const;

/** The repository's resources/face-embedding/ from this module (electron/face/ in development, dist/… when built). */
export function vendoredEmbeddingDir(): string {
  const here = import.meta.dirname;
  for (const up of ['../..', '../../..', '../../../..']) {
    const dir = path.resolve(here, up, 'resources', 'face-embedding');
    if (existsSync(path.join(dir, EMBEDDING_MODEL.file))) return dir;
  }
  return path.resolve(here, '../..', 'resources', 'face-embedding');
}

export function packageModelPaths(): ModelPaths {
  const require = createRequire(import.meta.url);
  const faceApiDir = path.dirname(require.resolve('@vladmandic/face-api/package.json'));
  const wasmEntry = require.resolve('@tensorflow/tfjs-backend-wasm/package.json');
  return {
    modelsDir: path.join(faceApiDir, 'model'),
    wasmDir: path.join(path.dirname(wasmEntry), 'dist'),
    embeddingModel: path.join(vendoredEmbeddingDir(), EMBEDDING_MODEL.file),
  };
}

function hasEverything(dir: string): boolean {
  return (
    MODEL_STEMS.every((stem) => existsSync(path.join(dir, `${stem}-weights_manifest.json`))) &&
    WASM_FILES.every((f) => existsSync(path.join(dir, f))) &&
    existsSync(path.join(dir, EMBEDDING_MODEL.file))
  );
}

/**
 * The one place model files are found: the given folder (a checkout's resources/models) or the
 * packaged app's `<resources>/models` (outside app.asar) when it holds a complete copy; otherwise
 * (development, tests, benchmarks) the installed packages' folders and the vendored embedding.
 */
export function resolveModelPaths(resourcesModelsDir = packagedResourceDir('models')): ModelPaths {
  if (resourcesModelsDir && hasEverything(resourcesModelsDir))
    return {
      modelsDir: resourcesModelsDir,
      wasmDir: resourcesModelsDir,
      embeddingModel: path.join(resourcesModelsDir, EMBEDDING_MODEL.file),
    };
  return packageModelPaths();
}

/** The file's sha256, hex. */
export function sha256Of(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Throws unless `file` is the vendored embedding network, byte for byte. */
export function verifyEmbeddingModel(file: string): void {
  if (!existsSync(file)) throw new Error(`embedding model missing: ${file}`);
  const actual = sha256Of(file);
  if (actual !== EMBEDDING_MODEL.sha256)
    throw new Error(`embedding model ${file} has sha256 ${actual}, expected ${EMBEDDING_MODEL.sha256}`);
}
