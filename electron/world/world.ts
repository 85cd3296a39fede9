// A world is the set of devices the reception flow drives: the simulated one (virtual card,
// scanner, keypad, embedded eligibility simulator) or the terminal's real hardware.
import type { SmartCardReaders } from '../card/transport';
import type { EligibilityService } from '../eligibility/service';
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
  readonly services: TerminalServices;
  close(): Promise<void>;
}
