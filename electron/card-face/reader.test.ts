import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { defaultCardFaceConfig } from './config';
import type { CardFaceOcr, ReadOptions } from './ocr';
import { cleanCardLines, ocrLine } from './ocr-lines.fixture';
import { CardFaceReader, planReads } from './reader';

// Frames without a card never reach OCR: this engine fails the test if they do.
const noOcr: CardFaceOcr = {
  readLines: () => Promise.reject(new Error('OCR must not run on a frame without a card')),
  readCodeLine: () => Promise.reject(new Error('OCR must not run on a frame without a card')),
  terminate: () => Promise.resolve(),
};
const reader = new CardFaceReader(noOcr, defaultCardFaceConfig, () => ({ year: 2026, month: 11, day: 25 }));
const chip = { expiryYear: 2034 };

describe('the card-face reader before OCR', () => {
  it('refuses frames that are not images', async () => {
    const result = await reader.read([new Uint8Array([0xff, 0xd8, 0xff, 0, 1, 2]), new Uint8Array(10)], chip);
    expect(result).toEqual({ ok: false, refusal: 'no-card', readsMade: 0, readOutcomes: [] });
  });

  it('refuses an empty tray', async () => {
    const tray = await sharp({ create: { width: 640, height: 430, channels: 3, background: '#34383c' } })
      .jpeg()
      .toBuffer();
    const result = await reader.read([new Uint8Array(tray)], chip);
    expect(result).toEqual({ ok: false, refusal: 'no-card', readsMade: 0, readOutcomes: [] });
  });
});

describe('planning the reads', () => {
  it('makes the first two reads from different frames, the cheap preparation first', () => {
    expect(planReads(2, 4)).toEqual([
      { frame: 0, preparation: 'contrast' },
      { frame: 1, preparation: 'contrast' },
      { frame: 1, preparation: 'enlarged' },
      { frame: 0, preparation: 'enlarged' },
    ]);
  });

  it('prepares a single image differently for each read', () => {
    const plan = planReads(1, 4);
    expect(new Set(plan.map((step) => step.preparation)).size).toBe(plan.length);
    expect(plan.every((step) => step.frame === 0)).toBe(true);
  });
});

describe('the second look at the code line', () => {
  it('is taken by the first read only: a confirming read that found every field takes none', async () => {
    const calls: string[] = [];
    const scripted: CardFaceOcr = {
      readLines: (_image: Buffer, options?: ReadOptions) => {
        calls.push(options?.near ? 'confirming read' : 'first read');
        return Promise.resolve(cleanCardLines());
      },
      readCodeLine: () => {
        calls.push('second look');
        return Promise.resolve([ocrLine(['074E4CB40C3417F3', '4821'])]);
      },
      terminate: () => Promise.resolve(),
    };
    // A real card front (the labelled fixture), so the frames pass the card finder and sharpness check.
    const front = readFileSync(
      path.resolve(import.meta.dirname, '../../test/fixtures/card-face/yamada-taro-clean.jpg'),
    );
    const today = () => ({ year: 2026, month: 11, day: 25 });
    const result = await new CardFaceReader(scripted, defaultCardFaceConfig, today).read(
      [new Uint8Array(front), new Uint8Array(front)],
      chip,
    );
    expect(result.ok && result.collationNumber.reveal()).toBe('59043020344821');
    expect(calls).toEqual(['first read', 'second look', 'confirming read']);
  });
});
