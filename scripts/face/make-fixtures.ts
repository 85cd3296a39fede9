// Regenerates the derived face fixtures from the copied photos in test/fixtures/faces/:
//   yamada-taro-card.j2k   — Junichiro_Koizumi_0001 as the card's DF27 photo (grey 300×400 J2K, ~4 KB)
//   shinzo-abe-card.j2k    — Shinzo_Abe_0001 the same way (the "someone else's card" case)
//   yamada-taro-live.y4m   — Junichiro_Koizumi_0002 (the LIVE photo) on a 640×480 grey background,
//                            one frame: Chromium's fake camera loops it as a still stream.
// Run: npx tsx scripts/face/make-fixtures.ts   (needs ffmpeg for the .y4m)
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createFaceEngine } from '../../electron/face/face-engine';
import { packageModelPaths } from '../../electron/face/models';
import { simulateCardPhoto } from './card-sim';
import { loadImage } from './dataset';

const dir = path.resolve(import.meta.dirname, '..', '..', 'test', 'fixtures', 'faces');
const engine = await createFaceEngine(packageModelPaths());
const { j2k } = await simulateCardPhoto(engine, loadImage(path.join(dir, 'Junichiro_Koizumi_0001.jpg')));
writeFileSync(path.join(dir, 'yamada-taro-card.j2k'), j2k);
console.log(`yamada-taro-card.j2k ${j2k.length} bytes`);
const other = await simulateCardPhoto(engine, loadImage(path.join(dir, 'Shinzo_Abe_0001.jpg')));
writeFileSync(path.join(dir, 'shinzo-abe-card.j2k'), other.j2k);
console.log(`shinzo-abe-card.j2k ${other.j2k.length} bytes`);

execFileSync('ffmpeg', [
  '-v',
  'error',
  '-y',
  '-i',
  path.join(dir, 'Junichiro_Koizumi_0002.jpg'),
  '-vf',
  'scale=400:400,pad=640:480:120:40:color=0x808080',
  '-frames:v',
  '1',
  '-pix_fmt',
  'yuv420p',
  path.join(dir, 'yamada-taro-live.y4m'),
]);
console.log('yamada-taro-live.y4m written');
