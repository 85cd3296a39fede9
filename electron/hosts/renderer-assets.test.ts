import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRendererAsset } from './renderer-assets';

const dir = mkdtempSync(join(tmpdir(), 'uketsuke-assets-'));
writeFileSync(join(dir, 'index.html'), '<h1>idle</h1>');
writeFileSync(join(dir, 'app.js'), 'console.log(1)');
writeFileSync(join(tmpdir(), 'uketsuke-outside.txt'), 'secret');

describe('renderer assets', () => {
  it('serves index.html for the root and files by name with their type', async () => {
    expect((await readRendererAsset(dir, '/')).body.toString()).toBe('<h1>idle</h1>');
    const js = await readRendererAsset(dir, '/app.js?v=1');
    expect(js.status).toBe(200);
    expect(js.contentType).toMatch(/javascript/);
  });

  it('never serves a file outside the renderer folder', async () => {
    for (const path of [
      '/../uketsuke-outside.txt',
      '/%2e%2e/uketsuke-outside.txt',
      '/..%2Fuketsuke-outside.txt',
      '/%00',
      '/%E0%A4%A',
    ]) {
      const asset = await readRendererAsset(dir, path);
      expect(asset.status).toBe(404);
      expect(asset.body.toString()).not.toContain('secret');
    }
  });

  it('answers 404 for missing files and folders', async () => {
    expect((await readRendererAsset(dir, '/missing.js')).status).toBe(404);
    expect((await readRendererAsset(dir, '/.')).status).toBe(404);
  });
});
