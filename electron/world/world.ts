// A world is the set of devices the reception flow drives: the simulated one (virtual card,
// scanner, keypad, embedded eligibility simulator) or the terminal's real hardware.
import type { SmartCardReaders } from '../card/transport';
import { SIMULATED_WORLD_START, simulatedClock, systemClock, type Clock } from '../clock';
import type { KioskConfig } from '../config/schema';
import type { EligibilityService } from '../eligibility/service';
import type { TerminalHealth } from '../health/terminal-health';
import type { ReceptionDevices } from '../reception/ports';

/** What the staff side uses besides the reception flow's devices. */
export interface TerminalServices {
  readonly eligibility: EligibilityService;
  readonly readers: SmartCardReaders;
  /** The eligibility service's address, shown to staff. */
  readonly endpoint: string;
  /** The kiosk's master key (its key store), for the audit log's keyed hashes. */
  readonly masterKey: Buffer;
}

export interface World {
  readonly devices: ReceptionDevices;
  /** The reader, cameras and service as the out-of-service screen and the metrics see them. */
  readonly health: TerminalHealth;
  readonly services: TerminalServices;
  close(): Promise<void>;
}

/** The one clock of a process: the machine's for real hardware; for the simulated world its own
 *  day (the fixture PKI, records and card expiry are made for it), whatever the date is. */
export function clockForWorld(config: KioskConfig): Clock {
  const offset = config.eligibility.cache.utcOffsetMinutes;
  return config.world === 'simulated' ? simulatedClock(SIMULATED_WORLD_START, offset) : systemClock(offset);
}
