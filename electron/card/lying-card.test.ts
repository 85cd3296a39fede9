// A lying card ends in a clear, typed error — never a hang, an over-read or a huge allocation.
import { describe, expect, it } from 'vitest';
import { createLogger, memorySink } from '../log/logger';
import { CardReaderService } from './card-reader-service';
import { LyingCard, isReadBinary, withSw, type Lie } from '../../sim/card/lying-card';
import { VirtualReaders } from '../../sim/card/virtual-readers';
import { createVirtualCard, loadSimSurfaceCaKeys, simCardConfig } from '../../sim/card/sim-world';
import { rejectionCode } from '../../test/support/kiosk-error-code';

const yamadaB = '59043020344821';

function serviceWith(lie: Lie, apduTimeoutMs = 3000) {
  const readers = new VirtualReaders();
  const card = new LyingCard(createVirtualCard('yamada-taro'), lie);
  readers.insert(card);
  const service = new CardReaderService({
    readers,
    config: simCardConfig({ apduTimeoutMs }),
    surfaceCaKeys: loadSimSurfaceCaKeys(),
    logger: createLogger(memorySink()),
  });
  return { service, card };
}

/** Rewrites the first READ BINARY answer of the card-face file (it starts FF 20 82 LL LL). */
const claimCardFaceLength =
  (length: number): Lie =>
  (command, honest) => {
    if (
      isReadBinary(command) &&
      command[2] === 0 &&
      command[3] === 0 &&
      honest[0] === 0xff &&
      honest[1] === 0x20
    ) {
      const out = honest.slice();
      out[3] = length >> 8;
      out[4] = length & 0xff;
      return out;
    }
    return honest;
  };

describe('a lying card', () => {
  it('claiming a card face far larger than any photo record is refused before reading on', async () => {
    const { service, card } = serviceWith(claimCardFaceLength(0xfff0));
    await service.unlockCardSurface(yamadaB);
    const before = card.commands.length;
    expect(await rejectionCode(service.readCardFace())).toBe('card.malformed-response');
    // SELECT 0002 and one READ BINARY (the AP is still selected): the lie is caught from the
    // header, nothing more is read.
    expect(card.commands.slice(before).map((c) => c[1])).toEqual([0xa4, 0xb0]);
  });

  it('claiming a length past the end of the file ends in a typed error', async () => {
    const { service } = serviceWith(claimCardFaceLength(16_000));
    await service.unlockCardSurface(yamadaB);
    expect(await rejectionCode(service.readCardFace())).toBe('card.malformed-response');
  });

  it('answering fewer bytes than asked mid-file is a typed error', async () => {
    const { service } = serviceWith((command, honest) =>
      isReadBinary(command) && command[2]! > 0 ? withSw(honest.subarray(0, 10), 0x9000) : honest,
    );
    expect(await rejectionCode(service.readAuthCertificate())).toBe('card.malformed-response');
  });

  it('answering more bytes than asked is a typed error', async () => {
    const { service } = serviceWith((command, honest) =>
      isReadBinary(command) && command[2]! > 0 ? withSw(new Uint8Array(300), 0x9000) : honest,
    );
    expect(await rejectionCode(service.readAuthCertificate())).toBe('card.malformed-response');
  });

  it('saying 61xx forever is cut off', async () => {
    const { service, card } = serviceWith((command, honest) =>
      isReadBinary(command) || command[1] === 0xc0 ? withSw(new Uint8Array(200), 0x61ff) : honest,
    );
    expect(await rejectionCode(service.readAuthCertificate())).toBe('card.malformed-response');
    expect(card.commands.filter((c) => c[1] === 0xc0).length).toBeLessThanOrEqual(64);
  });

  it('saying 6Cxx to every Le gets one corrected re-send, then a typed error', async () => {
    const { service, card } = serviceWith((command, honest) =>
      isReadBinary(command) ? withSw(new Uint8Array(0), 0x6c10) : honest,
    );
    expect(await rejectionCode(service.readAuthCertificate())).toBe('card.malformed-response');
    expect(card.commands.filter(isReadBinary)).toHaveLength(2);
  });

  it('answering without a status word is a typed error', async () => {
    const { service } = serviceWith((command, honest) =>
      isReadBinary(command) ? Uint8Array.of(0x90) : honest,
    );
    expect(await rejectionCode(service.readAuthCertificate())).toBe('card.malformed-response');
  });

  it('that stops answering is reported unresponsive', async () => {
    const { service } = serviceWith(
      (command, honest) => (isReadBinary(command) ? new Promise<Uint8Array>(() => {}) : honest),
      200,
    );
    expect(await rejectionCode(service.readAuthCertificate())).toBe('card.unresponsive');
  });

  it('with an unparsable certificate is a typed error', async () => {
    const { service } = serviceWith((command, honest) => {
      if (!isReadBinary(command) || command[2] !== 0 || honest[0] !== 0x30) return honest;
      const out = honest.slice();
      out.fill(0x02, 4, 40);
      return out;
    });
    expect(await rejectionCode(service.readAuthCertificate())).toBe('card.auth-certificate-invalid');
  });

  it('whose offset table points at the wrong object is refused', async () => {
    const { service } = serviceWith((command, honest) => {
      if (!(isReadBinary(command) && command[2] === 0 && honest[0] === 0xff && honest[1] === 0x20))
        return honest;
      const out = honest.slice();
      out[9] = out[9]! ^ 0x01; // second byte of the first offset (FF20 82 LLLL, DF21 12, then offsets)
      return out;
    });
    await service.unlockCardSurface(yamadaB);
    expect(await rejectionCode(service.readCardFace())).toBe('card.malformed-response');
  });

  it('that chains an honest answer with 61xx is read correctly', async () => {
    let pending: Uint8Array | null = null;
    const { service } = serviceWith((command, honest) => {
      if (command[1] === 0xc0 && pending) {
        const rest = pending;
        pending = null;
        return withSw(rest, 0x9000);
      }
      if (isReadBinary(command) && honest.length > 100) {
        const data = honest.subarray(0, honest.length - 2);
        pending = data.slice(50);
        return withSw(data.subarray(0, 50), 0x6100 | (pending.length & 0xff));
      }
      return honest;
    });
    const cert = await service.readAuthCertificate();
    expect(cert.subject).toMatch(/^C=JP, CN=/);
  });
});
