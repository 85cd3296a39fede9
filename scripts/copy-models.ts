// npm run models:copy — copies the face networks and the tfjs WASM binaries into resources/models/
// so a packaged kiosk carries them and never fetches anything. The folder is git-ignored (~14 MB).
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { MODEL_STEMS, packageModelPaths, WASM_FILES } from '../electron/face/models';

const target = path.resolve(import.meta.dirname, '..', 'resources', 'models');
const { modelsDir, wasmDir } = packageModelPaths();
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
console.log(
  `copied ${MODEL_STEMS.length} models and ${WASM_FILES.length} wasm files to ${target} (${(bytes / 1e6).toFixed(1)} MB)`,
);
