import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeCardPhoto, readJpeg2000Size } from './card-photo';

const fixture = readFileSync(
  path.resolve(import.meta.dirname, '../../test/fixtures/faces/yamada-taro-card.j2k'),
);

async function codeOf(bytes: Uint8Array): Promise<string> {
  try {
    await decodeCardPhoto(bytes);
    return 'decoded';
  } catch (error) {
    return (error as { code?: string }).code ?? 'untyped';
  }
}

describe('card photo (DF27, JPEG 2000)', () => {
  it('decodes the simulated card photo to a 300×400 grey image', async () => {
    const image = await decodeCardPhoto(fixture);
    expect([image.width, image.height, image.channels]).toEqual([300, 400, 1]);
    // A real portrait, not a flat field: the grey values spread.
    const values = [...image.data];
    expect(Math.max(...values) - Math.min(...values)).toBeGreaterThan(100);
  });

  it('refuses bytes that are not JPEG 2000', async () => {
    expect(await codeOf(new Uint8Array(500).fill(7))).toBe('face.card-photo-corrupt');
    expect(await codeOf(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array(100).fill(0)]))).toBe(
      'face.card-photo-corrupt',
    );
  });

  it('refuses a truncated or damaged codestream', async () => {
    expect(await codeOf(fixture.subarray(0, 60))).toBe('face.card-photo-corrupt');
    const damaged = new Uint8Array(fixture);
    damaged.fill(0xff, 120, damaged.length); // header intact, coded data destroyed
    expect(await codeOf(damaged)).toBe('face.card-photo-corrupt');
  });

  it('refuses an oversized photo before decoding it', async () => {
    const huge = new Uint8Array(fixture);
    const view = new DataView(huge.buffer);
    const siz = huge.findIndex((b, i) => b === 0xff && huge[i + 1] === 0x51);
    view.setUint32(siz + 6, 40_000); // Xsiz: 40,000 px wide
    expect(readJpeg2000Size(huge)?.width).toBe(40_000);
    expect(await codeOf(huge)).toBe('face.card-photo-too-large');
    expect(await codeOf(new Uint8Array(200_000))).toBe('face.card-photo-too-large');
  });
});
