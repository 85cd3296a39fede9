// The driver through the REAL pcscd: the virtual card runs as a separate process inside pcscd's
// network namespace and appears through vsmartcard's vpcd; the driver talks PC/SC via pcsclite.
// The card process prints the header of every APDU it receives (never VERIFY data), which is how
// these tests prove what was and was not sent.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';
import { execFileSync, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CardReaderService } from '../../../electron/card/card-reader-service';
import { isKioskError } from '../../../electron/errors/kiosk-error';
import { createLogger, memorySink } from '../../../electron/log/logger';
import { PcscliteReaders } from '../../../electron/card/pcsclite-readers';
import { defaultSimWorldPaths } from '../../../sim/card/card-image';
import { wrapCodestreamInJp2 } from '../../../sim/card/jp2';
import { loadSimSurfaceCaKeys, loadSimPerson, simCardConfig } from '../../../sim/card/sim-world';
import { crashPcscd, restartPcscd, startSimCard, type SimCardProcess } from '../pcscd';
import { rejectionCode } from '../../support/kiosk-error-code';

const netns = inject('pcscNetns');
const persons = defaultSimWorldPaths().personsDir;
let readers: PcscliteReaders;

beforeAll(async () => {
  readers = new PcscliteReaders({ logger: createLogger(memorySink()), reconnectIntervalMs: 200 });
  await readers.ready();
});

afterAll(async () => {
  await readers.close();
});

/** VERIFY commands with data, as the card logged them (`apdu 00200080 +5 9000`). */
const verifies = (card: SimCardProcess): string[] =>
  card.lines.filter((l) => /^apdu 002000[0-9A-F]{2} \+\d+/.test(l) && !/ \+0 /.test(l));

/** The card service as the simulated world configures it, over the real pcscd. */
const simulatedWorldService = (): CardReaderService =>
  new CardReaderService({
    readers,
    config: simCardConfig(),
    surfaceCaKeys: loadSimSurfaceCaKeys(),
    logger: createLogger(memorySink()),
  });

async function withCard(
  args: string[],
  run: (service: CardReaderService, card: SimCardProcess) => Promise<void>,
): Promise<void> {
  const card = await startSimCard(args, netns);
  const service = simulatedWorldService();
  try {
    await card.waitFor(/^inserted$/, 5000, 0);
    await service.waitForCard(AbortSignal.timeout(10_000));
    await run(service, card);
  } finally {
    await service.close();
    await card.stop();
    // The next test starts with an empty reader.
    const deadline = Date.now() + 3000;
    while (readers.readers().some((r) => r.cardPresent) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
  }
}

const person = (id: string): string[] => ['--person', path.join(persons, `${id}.json`)];

describe('My Number card over pcscd + vpcd', () => {
  it('identifies the card and reads the user-authentication certificate with no secret', async () => {
    await withCard(person('yamada-taro'), async (service, card) => {
      expect(await service.identify()).toBe('physical-card');
      const cert = await service.readAuthCertificate();
      const pem = readFileSync(
        path.join(defaultSimWorldPaths().pkiDir, 'persons/yamada-taro/auth-cert.pem'),
        'utf8',
      );
      expect(cert.serialNumber).toBe(new X509Certificate(pem).serialNumber.toLowerCase());
      expect(await service.readCardExpiry()).toBe('2034-04-30');
      expect(verifies(card)).toHaveLength(0);
      expect(card.lines.some((l) => l.includes('D3921000310001010408'))).toBe(false);
    });
  });

  it('a third-party PC/SC tool (OpenSC pkcs15-tool) reads the certificate as from a real card', async () => {
    await withCard(person('sato-hanako'), async () => {
      const pem = execFileSync('pkcs15-tool', ['--no-cache', '--read-certificate', '01'], {
        encoding: 'utf8',
        timeout: 20_000,
      });
      const expected = readFileSync(
        path.join(defaultSimWorldPaths().pkiDir, 'persons/sato-hanako/auth-cert.pem'),
        'utf8',
      );
      expect(new X509Certificate(pem).raw.equals(new X509Certificate(expected).raw)).toBe(true);
    });
  });

  it('PIN: success signs, wrong costs one try, and nothing is re-sent', async () => {
    await withCard(person('yamada-taro'), async (service, card) => {
      expect(await service.verifyPin('0000')).toEqual({ ok: false, code: 'card.pin-wrong', triesLeft: 2 });
      expect(await service.verifyPin('1234')).toEqual({ ok: true });
      const signature = await service.signChallenge(new TextEncoder().encode('challenge'));
      expect(signature).toHaveLength(256);
      expect(verifies(card)).toHaveLength(2);
    });
  });

  it('PIN: a locked PIN and a card without a PIN are reported without sending a PIN', async () => {
    await withCard(person('takahashi-ken'), async (service, card) => {
      expect(await service.verifyPin('2468')).toMatchObject({ ok: false, code: 'card.pin-locked' });
      expect(verifies(card)).toHaveLength(0);
    });
    await withCard(person('suzuki-ichiro'), async (service, card) => {
      expect(await service.pinTriesLeft()).toEqual({ state: 'not-set' });
      expect(await service.verifyPin('1234')).toMatchObject({ ok: false, code: 'card.pin-not-set' });
      expect(verifies(card)).toHaveLength(0);
    });
  });

  it('face path: 照合番号B unlocks, the photo is extracted and the record authenticated', async () => {
    await withCard(person('sato-hanako'), async (service, card) => {
      expect(await service.cardSurfaceTriesLeft()).toEqual({ state: 'available', triesLeft: 10 });
      expect(await service.unlockCardSurface('02021120317305')).toEqual({ ok: true });
      const face = await service.readCardFace();
      const j2k = readFileSync(path.join(persons, loadSimPerson('sato-hanako').cardPhotoJ2k!));
      expect(Buffer.from(face.photoJ2k).equals(Buffer.from(wrapCodestreamInJp2(j2k, 300, 400)))).toBe(true);
      expect(face).toMatchObject({ birthDate: '1990-02-11', sex: 'female', expiry: '2031-02-11' });
      // The presence challenge was signed by the card (80 2A 00 00).
      expect(card.lines.some((l) => l.startsWith('apdu 802A0000'))).toBe(true);
      expect(card.lines.some((l) => /^apdu 00A4020C020005/.test(l))).toBe(false);
    });
  });

  it('face path: a wrong 照合番号B costs one try; at the floor no VERIFY is sent', async () => {
    await withCard(person('yamada-taro'), async (service, card) => {
      expect(await service.unlockCardSurface('59043020340000')).toEqual({
        ok: false,
        code: 'card.surface-wrong',
        triesLeft: 9,
      });
      expect(verifies(card)).toHaveLength(1);
    });
    await withCard(person('tanaka-michiko'), async (service, card) => {
      expect(await service.unlockCardSurface('30062020303318')).toMatchObject({
        ok: false,
        code: 'card.surface-tries-floor',
      });
      expect(verifies(card)).toHaveLength(0);
    });
  });

  it('a tampered record and a copied record are refused', async () => {
    await withCard([...person('yamada-taro'), '--fault', 'tampered-record'], async (service) => {
      await service.unlockCardSurface('59043020344821');
      expect(await rejectionCode(service.readCardFace())).toBe('card.record-signature-invalid');
    });
    await withCard([...person('yamada-taro'), '--fault', 'cloned-record'], async (service) => {
      await service.unlockCardSurface('59043020344821');
      expect(await rejectionCode(service.readCardFace())).toBe('card.challenge-failed');
    });
  });

  it('a card pulled mid-read fails with card.removed and keeps nothing', async () => {
    await withCard(person('yamada-taro'), async (service, card) => {
      expect(await service.unlockCardSurface('59043020344821')).toEqual({ ok: true });
      card.command('remove-after 5');
      await card.waitFor(/^armed 5$/);
      expect(await rejectionCode(service.readCardFace())).toBe('card.removed');
      expect(service.hasSession()).toBe(false);
      await card.waitFor(/^removed$/, 3000, 0);
    });
  });

  it('a card that is not a My Number card is recognised as such', async () => {
    await withCard(['--not-my-number-card'], async (service) => {
      expect(await service.identify()).toBe('not-my-number-card');
    });
  });

  it('another application holding the card makes our exclusive connect fail typed', async () => {
    await withCard(person('yamada-taro'), async (service) => {
      // A second process with its own PC/SC context holds the card (shared mode is enough).
      const holder = spawn(
        process.execPath,
        [
          '-e',
          `const p = require('pcsclite')(); p.on('error', () => {});
           p.on('reader', (r) => { if (r.name !== 'Virtual PCD 00 00') return;
             r.connect({ share_mode: r.SCARD_SHARE_SHARED }, (e) => { console.log(e ? 'failed' : 'held'); }); });
           process.stdin.on('end', () => process.exit(0)); process.stdin.resume();`,
        ],
        { cwd: path.resolve(import.meta.dirname, '../../..'), stdio: ['pipe', 'pipe', 'inherit'] },
      );
      try {
        await new Promise<void>((resolve, reject) => {
          holder.stdout.on('data', (d: Buffer) =>
            d.toString().includes('held') ? resolve() : reject(new Error(d.toString())),
          );
        });
        expect(await rejectionCode(service.identify())).toBe('card.in-use');
      } finally {
        holder.stdin.end();
        await new Promise((r) => holder.once('exit', r));
      }
      // pcscd frees a dead client's handle when it notices the closed socket: wait for that.
      let identity = await service.identify().catch((e: unknown) => e);
      for (let i = 0; i < 50 && isKioskError(identity) && identity.code === 'card.in-use'; i += 1) {
        await new Promise((r) => setTimeout(r, 20));
        identity = await service.identify().catch((e: unknown) => e);
      }
      expect(identity).toBe('physical-card');
    });
  });

  it('the pcsclite adapter releases everything: a process using it ends on its own', async () => {
    await withCard(person('yamada-taro'), async () => {
      const tsx = path.resolve(import.meta.dirname, '../../../node_modules/.bin/tsx');
      const child = spawn(tsx, [path.join(import.meta.dirname, 'release-and-exit.fixture.ts')], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
      expect(output).toBe('physical-card\nclosed\n');
      expect(code).toBe(0);
    });
  });

  it('pcscd going away is typed; the adapter reconnects when it is back', async () => {
    const card = await startSimCard(person('yamada-taro'), netns);
    const service = simulatedWorldService();
    try {
      await card.waitFor(/^inserted$/, 5000, 0);
      await service.waitForCard(AbortSignal.timeout(10_000));
      expect(await service.identify()).toBe('physical-card');
      const lost = new Promise<void>((resolve) =>
        service.onEvent((e) => e.type === 'service-lost' && resolve()),
      );
      await crashPcscd();
      await lost;
      expect(['card.reader-not-found', 'card.service-unavailable']).toContain(
        await rejectionCode(service.identify()),
      );
      const restored = new Promise<void>((resolve) =>
        service.onEvent((e) => e.type === 'service-restored' && resolve()),
      );
      await restartPcscd(netns);
      await restored;
      await readers.ready();
      card.command('insert');
      await service.waitForCard(AbortSignal.timeout(10_000));
      expect(await service.identify()).toBe('physical-card');
    } finally {
      await service.close();
      await card.stop();
    }
  });
});
