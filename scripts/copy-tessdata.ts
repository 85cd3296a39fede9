// Copies Debian's Japanese OCR data (package tesseract-ocr-jpn) into resources/tessdata/ so the
// packaged app carries it (npm has no Japanese tesseract.js data). The output is gitignored.
//   npm run tessdata:copy [-- --from /usr/share/tesseract-ocr/5/tessdata]
import { copyFileSync, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BUNDLED_TESSDATA_DIR, englishLangPath, SYSTEM_TESSDATA_DIR } from '../electron/card-face/ocr';

const { values } = parseArgs({ options: { from: { type: 'string', default: SYSTEM_TESSDATA_DIR } } });
const source = path.join(values.from, 'jpn.traineddata');
if (!existsSync(source)) {
  console.error(`${source} is missing: apt-get install tesseract-ocr-jpn`);
  process.exit(1);
}
mkdirSync(BUNDLED_TESSDATA_DIR, { recursive: true });
const target = path.join(BUNDLED_TESSDATA_DIR, 'jpn.traineddata');
copyFileSync(source, target);
console.log(`${target} (${statSync(target).size} bytes)`);
// The English model too, so the packaged app reads both from <resources>/tessdata, outside app.asar.
const english = path.join(englishLangPath(), 'eng.traineddata.gz');
mkdirSync(path.join(BUNDLED_TESSDATA_DIR, 'eng'), { recursive: true });
copyFileSync(english, path.join(BUNDLED_TESSDATA_DIR, 'eng', 'eng.traineddata.gz'));
console.log(`${path.join(BUNDLED_TESSDATA_DIR, 'eng', 'eng.traineddata.gz')}`);
