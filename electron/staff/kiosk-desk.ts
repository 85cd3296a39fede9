// What the console's 端末の状態 page sees of the kiosk, and its one action on it: putting the
// kiosk's current patient into the visual check (目視確認). The devices and the service are read
// through KioskHealth, so a module that probes them (reader, cameras, service) can take the place
// of what the world reports today without the console changing.
import type { KioskStateView } from '../contract';
import type { EligibilityService } from '../eligibility/service';
import { KioskError } from '../errors/kiosk-error';
import type { Reception } from '../reception/reception';
import type { TerminalServices } from '../world/world';

/** The kiosk's devices and service as staff see them. */
export interface KioskHealth {
  readers(): KioskStateView['readers'];
  cameras(): KioskStateView['cameras'];
  service(): KioskStateView['service'];
}

/** What the world reports today: the readers pcscd lists, where camera pictures come from (the
 *  trusted side does not see a camera's health), and the service as the outbox shows it. */
export function worldHealth(options: {
  services: TerminalServices;
  world: 'simulated' | 'hardware';
}): KioskHealth {
  const { readers, eligibility, endpoint } = options.services;
  return {
    readers: () => readers.readers().map(({ name, cardPresent }) => ({ name, cardPresent })),
    cameras: () => ({
      cardTray: options.world === 'simulated' ? 'virtual' : 'renderer',
      patient: 'renderer',
    }),
    service: () => ({ state: eligibility.outboxStatus().count > 0 ? 'queueing' : 'ok', endpoint }),
  };
}

export interface KioskDesk {
  state(): KioskStateView;
  /**
   * The console's button: the patient of `sessionGeneration` into the visual check. Refused
   * (KioskError) unless that patient is still there and the kiosk offers the staff control now;
   * the staff member then signs in on the kiosk's screen.
   */
  startVisualCheck(sessionGeneration: number): KioskStateView;
}

export function createKioskDesk(options: {
  terminalId: string;
  reception: Reception;
  eligibility: EligibilityService;
  health: KioskHealth;
}): KioskDesk {
  const { reception, eligibility, health } = options;
  const state = (): KioskStateView => {
    const view = reception.view();
    const outbox = eligibility.outboxStatus();
    return {
      terminalId: options.terminalId,
      screen: view.screen,
      sessionActive: view.screen !== 'idle' && view.screen !== 'out-of-service',
      sessionGeneration: view.sessionGeneration,
      visualCheckOffered: view.screen === 'call-staff' && view.visualCheck === true,
      readers: health.readers(),
      cameras: health.cameras(),
      service: health.service(),
      outbox: { queued: outbox.count, oldestQueuedAt: outbox.oldestCreatedAt },
      storeRebuilt: eligibility.startReport.rebuilt,
    };
  };
  return {
    state,
    startVisualCheck(sessionGeneration) {
      const outcome = reception.visualCheckFromConsole(sessionGeneration);
      if (outcome === 'patient-changed') throw new KioskError('staff.visual-check-patient-changed');
      if (outcome === 'not-offered') throw new KioskError('staff.visual-check-not-offered');
      return state();
    },
  };
}
