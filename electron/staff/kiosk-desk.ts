// What the console's 端末の状態 page sees of the kiosk, and its one action on it: putting the
// kiosk's current patient into the visual check (目視確認). The reader, cameras and service are read
// from the terminal health module (electron/health/terminal-health.ts) — the same probes as the
// out-of-service screen and the metrics — so staff see what would take the kiosk out of service.
import type { KioskStateView } from '../contract';
import type { EligibilityService } from '../eligibility/service';
import { catalogue } from '../errors/catalogue';
import { KioskError } from '../errors/kiosk-error';
import type { TerminalHealth } from '../health/terminal-health';
import type { Reception } from '../reception/reception';
import type { TerminalServices } from '../world/world';

type HealthView = Pick<KioskStateView, 'readers' | 'cameras' | 'service' | 'faults'>;

/** The kiosk's devices and service as staff see them, checked when asked. */
export interface KioskHealth {
  check(): Promise<HealthView>;
}

/** The terminal health module's check (reader, cameras, service), with the readers pcscd lists and
 *  the outbox for the service's "queueing". */
export function terminalKioskHealth(options: {
  health: TerminalHealth;
  services: TerminalServices;
}): KioskHealth {
  const { health } = options;
  const { readers, eligibility, endpoint } = options.services;
  return {
    async check() {
      const faults = await health.faults();
      const has = (code: (typeof faults)[number]) => faults.includes(code);
      const service: KioskStateView['service']['state'] = has('health.service-unreachable')
        ? 'unreachable'
        : has('health.service-refused')
          ? 'refused'
          : eligibility.outboxStatus().count > 0
            ? 'queueing'
            : 'ok';
      return {
        readers: {
          up: !has('health.reader-missing'),
          list: readers.readers().map(({ name, cardPresent }) => ({ name, cardPresent })),
        },
        cameras: {
          state: !health.camerasVisible
            ? 'not-listed'
            : has('health.camera-missing')
              ? 'missing'
              : 'attached',
        },
        service: { state: service, endpoint },
        faults: faults.map((code) => ({ code, staffMessage: catalogue[code].staff })),
      };
    },
  };
}

export interface KioskDesk {
  state(): Promise<KioskStateView>;
  /**
   * The console's button: the patient of `sessionGeneration` into the visual check. Refused
   * (KioskError) unless that patient is still there and the kiosk offers the staff control now;
   * the staff member then signs in on the kiosk's screen.
   */
  startVisualCheck(sessionGeneration: number): Promise<KioskStateView>;
}

export function createKioskDesk(options: {
  terminalId: string;
  reception: Reception;
  eligibility: EligibilityService;
  health: KioskHealth;
}): KioskDesk {
  const { reception, eligibility, health } = options;
  const state = async (): Promise<KioskStateView> => {
    const checked = await health.check();
    // The patient screen after the check: what is showing when the answer is sent.
    const view = reception.view();
    const outbox = eligibility.outboxStatus();
    return {
      terminalId: options.terminalId,
      screen: view.screen,
      sessionActive: view.screen !== 'idle' && view.screen !== 'out-of-service',
      sessionGeneration: view.sessionGeneration,
      visualCheckOffered: view.screen === 'call-staff' && view.visualCheck === true,
      ...checked,
      outbox: { queued: outbox.count, oldestQueuedAt: outbox.oldestCreatedAt },
      storeRebuilt: eligibility.startReport.rebuilt,
    };
  };
  return {
    state,
    async startVisualCheck(sessionGeneration) {
      const outcome = reception.visualCheckFromConsole(sessionGeneration);
      if (outcome === 'patient-changed') throw new KioskError('staff.visual-check-patient-changed');
      if (outcome === 'not-offered') throw new KioskError('staff.visual-check-not-offered');
      return state();
    },
  };
}
