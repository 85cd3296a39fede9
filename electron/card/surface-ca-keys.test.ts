import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultSimWorldPaths } from '../../sim/card/card-image';
import { loadSurfaceCaKeys } from './surface-ca-keys';

describe('card-surface CA keys from a folder', () => {
  it('loads the key and its key id', () => {
    const [key] = loadSurfaceCaKeys(defaultSimWorldPaths().pkiDir);
    expect(key?.publicKey.asymmetricKeyType).toBe('rsa');
    expect(Buffer.from(key!.keyId).toString('hex')).toBe('39303030303233080530303100000000');
  });

  it('says clearly when the folder is empty or the files are damaged', () => {
    const dir = mkdtempSync(join(tmpdir(), 'uketsuke-ca-'));
    expect(() => loadSurfaceCaKeys(dir)).toThrow(/lacks card-surface-ca/);
    writeFileSync(join(dir, 'card-surface-ca.pem'), 'not a key');
    writeFileSync(join(dir, 'card-surface-ca.json'), '{"keyId":"zz"}');
    expect(() => loadSurfaceCaKeys(dir)).toThrow(/unreadable/);
  });
});
