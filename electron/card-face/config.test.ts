import { describe, expect, it } from 'vitest';
import { configSchema } from '../config/schema';
import { cardFaceConfigSchema } from './config';

describe('the cardFace configuration', () => {
  it('defaults to two agreeing reads, the Western-date refusal and the driver’s tries floor', () => {
    const config = configSchema.parse({}).cardFace;
    expect(config).toMatchObject({
      readsRequired: 2,
      confidenceFloor: 85,
      westernBirthDate: 'refuse',
      triesFloor: 3,
      requireExpiryOnBirthday: true,
    });
  });

  it('rejects a single required read, more reads required than allowed, and unknown keys', () => {
    expect(cardFaceConfigSchema.safeParse({ readsRequired: 1 }).success).toBe(false);
    expect(cardFaceConfigSchema.safeParse({ readsRequired: 3, maxReadsPerScan: 2 }).success).toBe(false);
    expect(cardFaceConfigSchema.safeParse({ westernBirthDate: 'guess' }).success).toBe(false);
    expect(cardFaceConfigSchema.safeParse({ confidenceFloor: 85, extra: true }).success).toBe(false);
  });
});
