// The sharpness check that refuses a face out of focus before any OCR runs, on the labelled fixture
// fronts (test/fixtures/card-face, rendered by the simulator; SOURCES.csv) and on blurred copies.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { decodeToGray, flattenCard, locateCard, sharpness } from './image-prep';
import { MIN_SHARPNESS } from './reader';

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/card-face');

async function cardSharpness(image: Uint8Array): Promise<number> {
  const gray = await decodeToGray(image);
  const quad = locateCard(gray);
  if (!quad) throw new Error('no card found in the fixture');
  return sharpness(flattenCard(gray, quad));
}

const fixture = (file: string) => new Uint8Array(readFileSync(path.join(FIXTURES, file)));
const blurred = async (file: string, sigma: number) =>
  new Uint8Array(await sharp(fixture(file)).blur(sigma).jpeg({ quality: 85 }).toBuffer());

describe('card-face sharpness', () => {
  it('passes every readable labelled front and stops the one out of focus', async () => {
    const labels = readFileSync(path.join(FIXTURES, 'labels.csv'), 'utf8').trim().split('\n').slice(1);
    for (const line of labels) {
      const [file, , , , readable] = line.split(',');
      const measured = await cardSharpness(fixture(file!));
      if (readable === '0') expect(measured, file).toBeLessThan(MIN_SHARPNESS);
      else expect(measured, file).toBeGreaterThan(MIN_SHARPNESS);
    }
  });

  it('passes a blurred but readable front with a dark face photo, and stops it out of focus', async () => {
    // A card-wide contrast let the photo's blacks pull blurred print below the threshold.
    expect(await cardSharpness(await blurred('yamada-taro-clean.jpg', 1.8))).toBeGreaterThan(MIN_SHARPNESS);
    expect(await cardSharpness(await blurred('yamada-taro-clean.jpg', 10))).toBeLessThan(MIN_SHARPNESS);
  });

  it('is near zero for a blank card-shaped object', () => {
    const width = 1200;
    const height = 757;
    expect(sharpness({ width, height, data: new Uint8Array(width * height).fill(230) })).toBe(0);
  });
});
