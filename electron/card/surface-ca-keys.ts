// The card-surface CA keys a terminal trusts, from a folder IT provisions: `card-surface-ca.pem`
// (the public key) and `card-surface-ca.json` (`{"keyId": "<hex>"}`). J-LIS's production keys go
// there on a real terminal; the simulated world points at its own test CA.
import { createPublicKey } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KioskError } from '../errors/kiosk-error';
import type { SurfaceCaKey } from './cvc';

export function loadSurfaceCaKeys(dir: string): SurfaceCaKey[] {
  const pem = join(dir, 'card-surface-ca.pem');
  const meta = join(dir, 'card-surface-ca.json');
  if (!existsSync(pem) || !existsSync(meta)) {
    throw new KioskError('config.invalid', `card-surface CA folder ${dir} lacks card-surface-ca.pem/.json`);
  }
  try {
    const { keyId } = JSON.parse(readFileSync(meta, 'utf8')) as { keyId?: unknown };
    if (typeof keyId !== 'string' || !/^([0-9a-fA-F]{2})+$/.test(keyId)) throw new Error('keyId is not hex');
    return [
      { keyId: new Uint8Array(Buffer.from(keyId, 'hex')), publicKey: createPublicKey(readFileSync(pem)) },
    ];
  } catch (error) {
    throw new KioskError('config.invalid', `card-surface CA in ${dir} is unreadable`, { cause: error });
  }
}
