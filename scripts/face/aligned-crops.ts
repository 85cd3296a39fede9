// npx tsx scripts/face/aligned-crops.ts OUT_DIR [IMAGE ...]
// Writes the 112×112 crops the embedding sees, card side and live side, as PNG, so the alignment can
// be checked by eye: the card photo (decoded from its simulated JPEG 2000) and the live photo must
// come out cut the same way, eyes on the template's eye line. Default images: the test fixtures.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { decodeCardPhoto } from '../../electron/face/card-photo';
import { cosineSimilarity } from '../../electron/face/embedder';
import { createFaceEngine, DEFAULT_ENGINE_OPTIONS } from '../../electron/face/face-engine';
import { fitWithin, pad, toRgb, type RawImage } from '../../electron/face/image';
import { packageModelPaths } from '../../electron/face/models';
import { simulateCardPhoto } from './card-sim';
import { loadImage } from './dataset';

function writePng(file: string, image: RawImage) {
  const rgb = toRgb(image);
  const png = new PNG({ width: rgb.width, height: rgb.height });
  for (let i = 0; i < rgb.width * rgb.height; i++) {
    png.data[i * 4] = rgb.data[i * 3]!;
    png.data[i * 4 + 1] = rgb.data[i * 3 + 1]!;
    png.data[i * 4 + 2] = rgb.data[i * 3 + 2]!;
    png.data[i * 4 + 3] = 255;
  }
  writeFileSync(file, PNG.sync.write(png));
}

const [out, ...files] = process.argv.slice(2);
if (!out) {
  console.error('usage: aligned-crops.ts OUT_DIR [IMAGE ...]');
  process.exit(2);
}
const fixtures = path.resolve(import.meta.dirname, '../../test/fixtures/faces');
const images = files.length
  ? files
  : [
      'Junichiro_Koizumi_0001.jpg',
      'Junichiro_Koizumi_0002.jpg',
      'Junichiro_Koizumi_0003.jpg',
      'Shinzo_Abe_0001.jpg',
    ].map((f) => path.join(fixtures, f));
mkdirSync(out, { recursive: true });
const engine = await createFaceEngine(packageModelPaths(), DEFAULT_ENGINE_OPTIONS);
const vectors: { name: string; side: string; v: Float32Array }[] = [];
for (const file of images) {
  const name = path.basename(file).replace(/\.[a-z]+$/i, '');
  const live = fitWithin(loadImage(file), 640);
  const analysed = await engine.analyseFrame(live, { describe: true });
  const face = analysed.faces[0];
  if (face && analysed.embedding) {
    const crop = engine.alignedCrop(live, face);
    if (crop) writePng(path.join(out, `${name}-live.png`), crop);
    vectors.push({ name, side: 'live', v: analysed.embedding });
  }
  const card = await decodeCardPhoto((await simulateCardPhoto(engine, live)).j2k);
  const portrait = await engine.describePortrait(card);
  if (portrait) {
    const crop = engine.alignedCrop(pad(card, 0.5), portrait.face);
    if (crop) writePng(path.join(out, `${name}-card.png`), crop);
    vectors.push({ name, side: 'card', v: portrait.embedding });
  }
  console.log(`${name}: live ${face ? 'aligned' : 'no face'}, card ${portrait ? 'aligned' : 'no face'}`);
}
for (const a of vectors.filter((x) => x.side === 'card'))
  console.log(
    `card ${a.name}: ` +
      vectors
        .filter((x) => x.side === 'live')
        .map((b) => `${b.name} ${cosineSimilarity(a.v, b.v).toFixed(3)}`)
        .join(', '),
  );
