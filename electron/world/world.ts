// A world is the set of devices the reception flow drives: the simulated one (virtual card,
// scanner, keypad, embedded eligibility simulator) or the terminal's real hardware.
import type { ReceptionDevices } from '../reception/ports';

export interface World {
  readonly devices: ReceptionDevices;
  close(): Promise<void>;
}
