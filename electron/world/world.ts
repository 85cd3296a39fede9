// A world is the set of devices the reception flow drives: the simulated one (virtual card,
// scanner, keypad, embedded eligibility simulator) or the terminal's real hardware.
import { SIMULATED_WORLD_START, simulatedClock, systemClock, type Clock } from '../clock';
import type { KioskConfig } from '../config/schema';
import type { ReceptionDevices } from '../reception/ports';

export interface World {
  readonly devices: ReceptionDevices;
  close(): Promise<void>;
}

/** The one clock of a process: the machine's for real hardware; for the simulated world its own
 *  day (the fixture PKI, records and card expiry are made for it), whatever the date is. */
export function clockForWorld(config: KioskConfig): Clock {
  const offset = config.eligibility.cache.utcOffsetMinutes;
  return config.world === 'simulated' ? simulatedClock(SIMULATED_WORLD_START, offset) : systemClock(offset);
}
