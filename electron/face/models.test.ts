import { statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  EMBEDDING_MODEL,
  packageModelPaths,
  resolveModelPaths,
  sha256Of,
  verifyEmbeddingModel,
} from './models';

describe('face models', () => {
  it('finds the vendored embedding network in the repository, byte for byte as published', () => {
    const { embeddingModel } = packageModelPaths();
    expect(path.relative(process.cwd(), embeddingModel)).toBe(
      path.join('resources', 'face-embedding', 'fr_feature.onnx'),
    );
    expect(statSync(embeddingModel).size).toBe(EMBEDDING_MODEL.bytes);
    expect(sha256Of(embeddingModel)).toBe('87aacdfe57510db2af90c0251df680e8eec88f122ee94712121d09bcaaaf3581');
    expect(() => verifyEmbeddingModel(embeddingModel)).not.toThrow();
  });

  it('refuses a file that is not the vendored network', () => {
    expect(() => verifyEmbeddingModel(path.join(import.meta.dirname, 'models.ts'))).toThrow(/sha256/);
    expect(() => verifyEmbeddingModel('/nonexistent/fr_feature.onnx')).toThrow(/missing/);
  });

  it('falls back to the repository when the packaged models folder is incomplete', () => {
    expect(resolveModelPaths('/nonexistent/resources/models')).toEqual(packageModelPaths());
  });
});
