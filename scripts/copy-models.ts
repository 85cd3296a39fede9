// npm run models:copy — copies the face networks, the tfjs WASM binaries and the vendored embedding
// network (after checking its sha256) into resources/models/, so a packaged kiosk carries them and
// never fetches anything. The folder is git-ignored (~19 MB).
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import {
  EMBEDDING_MODEL,
  MODEL_STEMS,
  packageModelPaths,
  verifyEmbeddingModel,
  WASM_FILES,
} from '../electron/face/models';

const target = path.resolve(import.meta.dirname, '..', 'resources', 'models');
const { modelsDir, wasmDir, embeddingModel } = packageModelPaths();
try {
  verifyEmbeddingModel(embeddingModel);
} catch (error) {
  console.error(`models:copy: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
mkdirSync(target, { recursive: true });
let bytes = 0;
const copy = (from: string, name: string) => {
  copyFileSync(path.join(from, name), path.join(target, name));
  bytes += statSync(path.join(target, name)).size;
};
for (const stem of MODEL_STEMS) {
  copy(modelsDir, `${stem}-weights_manifest.json`);
  copy(modelsDir, `${stem}.bin`);
}
for (const file of WASM_FILES) copy(wasmDir, file);
copy(path.dirname(embeddingModel), EMBEDDING_MODEL.file);
verifyEmbeddingModel(path.join(target, EMBEDDING_MODEL.file));
console.log(
  `copied ${MODEL_STEMS.length} face-api models, ${WASM_FILES.length} wasm files and ${EMBEDDING_MODEL.file} (sha256 checked) to ${target} (${(bytes / 1e6).toFixed(1)} MB)`,
);
