// Reading a virtual card's APDU log in tests: what reached the card, in order.
import type { LoggedApdu } from '../../sim/card/virtual-card';

/** The PINs of the VERIFYs that carried one, in order (an empty VERIFY only reads the counter). */
export const sentPins = (log: readonly LoggedApdu[]): string[] =>
  log
    .filter((e) => e.command[1] === 0x20 && e.command.length > 5)
    .map((e) => Buffer.from(e.command.subarray(5, 5 + e.command[4]!)).toString());
