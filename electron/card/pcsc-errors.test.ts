import { describe, expect, it } from 'vitest';
import { pcscErrorToKiosk } from './pcsclite-readers';

describe('PC/SC errors', () => {
  it.each([
    ['SCardConnect error: Sharing violation.(0x8010000b)', 'card.in-use'],
    ['SCardTransmit error: Card was removed.(0x80100069)', 'card.removed'],
    ['SCardTransmit error: Card was reset.(0x80100068)', 'card.removed'],
    ['SCardConnect error: No smart card inserted.(0x8010000c)', 'card.removed'],
    ['SCardConnect error: Unknown reader specified.(0x80100009)', 'card.reader-gone'],
    ['SCardEstablishContext error: Service not available.(0x8010001d)', 'card.service-unavailable'],
    ['SCardTransmit error: Transaction failed.(0x80100016)', 'card.transport'],
    ['something else', 'card.transport'],
  ])('%s → %s', (message, code) => {
    expect(pcscErrorToKiosk(new Error(message)).code).toBe(code);
  });
});
