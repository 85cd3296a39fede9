// The labelled face set (../shared/faces layout): labels.csv + one folder per identity.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PNG } from 'pngjs';
import { decodeJpeg } from '../../electron/face/frame';
import type { RawImage } from '../../electron/face/image';

export interface LabelledImage {
  file: string;
  identity: string;
  group: 'east_asian' | 'other';
  role: 'multi' | 'single';
}

export function defaultFacesDir(): string {
  return path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'faces');
}

/** `--faces DIR` from argv, else ../shared/faces beside the repo. */
export function facesDirFromArgs(argv: string[]): string {
  const i = argv.indexOf('--faces');
  const dir = i >= 0 && argv[i + 1] ? path.resolve(argv[i + 1]!) : defaultFacesDir();
  if (!existsSync(path.join(dir, 'labels.csv'))) {
    console.error(`No labels.csv in ${dir}. Pass --faces DIR (a folder laid out like ../shared/faces).`);
    process.exit(2);
  }
  return dir;
}

export function readLabels(dir: string): LabelledImage[] {
  const lines = readFileSync(path.join(dir, 'labels.csv'), 'utf8').trim().split('\n');
  const header = lines[0]!.split(',');
  const col = (name: string) => header.indexOf(name);
  return lines.slice(1).map((line) => {
    const cells = line.split(',');
    return {
      file: cells[col('file')]!,
      identity: cells[col('identity')]!,
      group: cells[col('group')] === 'east_asian' ? 'east_asian' : 'other',
      role: cells[col('role')] === 'single' ? 'single' : 'multi',
    };
  });
}

/** JPEG via the kiosk's own decoder (no size cap for the data set), PNG via pngjs. */
export function loadImage(file: string): RawImage {
  const bytes = readFileSync(file);
  if (bytes[0] === 0x89 && bytes[1] === 0x50) {
    const png = PNG.sync.read(bytes);
    return { width: png.width, height: png.height, channels: 4, data: new Uint8Array(png.data) };
  }
  return decodeJpeg(bytes, {
    maxWidth: 10_000,
    maxHeight: 10_000,
    maxJpegBytes: 50 * 1024 * 1024,
    maxMemoryMB: 2048,
  });
}

/** Groups images by identity, keeping the file order of labels.csv (the first one is the "card"). */
export function byIdentity(images: LabelledImage[]): Map<string, LabelledImage[]> {
  const map = new Map<string, LabelledImage[]>();
  for (const image of images) map.set(image.identity, [...(map.get(image.identity) ?? []), image]);
  return map;
}
