// Builds the trusted services and the one handler table from a config. Both composition roots —
// electron/main.ts and electron/browser-main.ts — call this and differ only in transport and window.
import type { Clock } from './clock';
import type { KioskConfig } from './config/schema';
import { createDispatch, type Dispatch, type Handlers } from './ipc/dispatch';
import type { RendererFrameBroker } from './card-face/frame-broker';
import { catalogue, type ErrorCode } from './errors/catalogue';
import { KioskError } from './errors/kiosk-error';
import { createEventHub, type EventHub } from './ipc/event-hub';
import type { Logger } from './log/logger';
import type { ReceptionDevices, VisualCheckPort } from './reception/ports';
import { createReception, type Reception } from './reception/reception';
import {
  createRecovery,
  type IntervalTimers,
  type Recovery,
  type RestartableWindow,
  type RestartReason,
} from './recovery/recovery';

export interface Kiosk {
  config: KioskConfig;
  log: Logger;
  reception: Reception;
  events: EventHub;
  handlers: Handlers;
  dispatch: Dispatch;
  /** The staff side's visual-check port, once the staff database is open (startStaffConsole). */
  attachVisualCheck(port: VisualCheckPort): void;
  /** Starts crash and hang recovery for the window the host created. */
  attachWindow(
    window: RestartableWindow,
    timers?: IntervalTimers,
    /** Told of each restart; false: the host relaunches the app instead (electron/recovery/relaunch.ts). */
    beforeRestart?: (reason: RestartReason) => boolean,
  ): Recovery;
  dispose(): void;
}

export function composeKiosk(options: {
  config: KioskConfig;
  log: Logger;
  /** The process's one clock (`clockForWorld(config)`). */
  clock: Clock;
  version: string;
  /** The devices and services of the world the host chose (simulated or hardware). */
  devices?: ReceptionDevices;
  /** The hub events go out on; the world may publish on it too (the card-tray camera). */
  events?: EventHub;
  /** Takes the renderer's card-tray camera frames (real terminals). */
  cardTray?: RendererFrameBroker;
}): Kiosk {
  const { config, log } = options;
  const events = options.events ?? createEventHub();
  let visualCheck: VisualCheckPort | undefined;
  // A staff call goes out on the event hub (the staff side and the metrics see it) and to the
  // world's own hook (a light or a sound on the reader), if it has one.
  const devices = options.devices && {
    ...options.devices,
    staffCall: {
      called(call: { reason: ErrorCode; from: string }) {
        events.publish('staff:called', {
          reason: call.reason,
          from: options.devices ? reception.view().screen : 'idle',
          staffMessage: catalogue[call.reason].staff,
        });
        options.devices?.staffCall?.called(call);
      },
    },
    // Read when the flow asks: the staff database opens after the kiosk is composed.
    get visualCheck() {
      return visualCheck ?? options.devices?.visualCheck;
    },
  };
  const reception = createReception(
    {
      defaultLanguage: config.ui.defaultLanguage,
      languages: config.ui.languages,
      sessionTimeoutMs: config.reception.sessionTimeoutMs,
      healthRecheckMs: config.reception.healthRecheckMs,
      log,
    },
    devices,
  );
  reception.onView((view) => events.publish('reception:view', view));
  let recovery: Recovery | undefined;

  const handlers: Handlers = {
    'kiosk:get-info': () => ({
      version: options.version,
      world: config.world,
      facilityName: config.terminal.facilityName,
      heartbeatIntervalMs: config.recovery.heartbeatIntervalMs,
      languages: config.ui.languages,
    }),
    'kiosk:heartbeat': () => {
      recovery?.heartbeat();
      return { alive: true };
    },
    'reception:get-view': () => reception.view(),
    'reception:set-language': ({ language }) => reception.setLanguage(language),
    'reception:choose-method': ({ method }) => reception.chooseMethod(method),
    'reception:submit-consent': ({ answers, agreedToAll }) => reception.submitConsent(answers, agreedToAll),
    'reception:call-staff': () => reception.callStaff(),
    'reception:cancel': () => reception.cancel(),
    'reception:back': () => reception.back(),
    'reception:confirm-last-try': () => reception.confirmLastTry(),
    'reception:submit-pin': ({ pin }) => reception.submitPin(pin),
    'reception:activity': () => reception.activity(),
    'reception:visual-check': () => reception.visualCheck(),
    'reception:staff-passcode': ({ name, passcode }) => reception.staffPasscode(name, passcode),
    'reception:visual-check-decide': ({ decision }) => reception.visualCheckDecide(decision),
    'reception:collation-number': ({ collationNumber }) => reception.staffCollationNumber(collationNumber),
    'reception:collation-skip': () => reception.skipCollationNumber(),
    'face:submit-frame': ({ jpegBase64 }) => reception.submitFrame(Buffer.from(jpegBase64, 'base64')),
    'card-face:frames': (delivery) => {
      if (!options.cardTray) throw new KioskError('kiosk.bad-request', 'no card-tray camera in this world');
      return options.cardTray.deliver(delivery);
    },
  };

  return {
    config,
    log,
    reception,
    events,
    handlers,
    dispatch: createDispatch(handlers, log),
    attachVisualCheck(port) {
      visualCheck = port;
    },
    attachWindow(window, timers, beforeRestart) {
      recovery?.stop();
      recovery = createRecovery({
        window,
        reception,
        log,
        hangTimeoutMs: config.recovery.hangTimeoutMs,
        clock: options.clock,
        ...(timers ? { timers } : {}),
        ...(beforeRestart ? { beforeRestart } : {}),
      });
      return recovery;
    },
    dispose() {
      recovery?.stop();
      reception.dispose();
    },
  };
}
