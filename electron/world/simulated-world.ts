// The simulated world: the same services as on a terminal, over virtual devices — an in-process
// card reader holding a fixture person's virtual My Number card, a card scanner that renders that
// person's printed card face, a keypad QA or tests press, and the eligibility service simulator
// over real mutual TLS on 127.0.0.1. Nothing here is a mock of a service: only the devices and the
// national service are simulated.
import { join } from 'node:path';
import type { SmartCardReaders } from '../card/transport';
import type { CardFaceOcr } from '../card-face/ocr';
import type { Clock } from '../clock';
import type { KioskConfig } from '../config/schema';
import { createFileKeyStore } from '../eligibility/key-store';
import type { Logger } from '../log/logger';
import { createVirtualPinPad, type VirtualPinPad } from '../../sim/keypad/pin-pad';
import { createVirtualCard, loadSimSurfaceCaKeys } from '../../sim/card/sim-world';
import type { VirtualMyNumberCard } from '../../sim/card/virtual-card';
import { DEFAULT_VIRTUAL_READER, VirtualReaders } from '../../sim/card/virtual-readers';
import { VirtualCardScanner } from '../../sim/card-face/virtual-scanner';
import type { VariantName } from '../../sim/card-face/render';
import { startEligibilitySimulator, type EligibilitySimulator } from '../../sim/eligibility/server';
import { assembleTerminal } from './terminal';
import type { World } from './world';

const SIMULATED_CAMERA = 'Uketsuke simulated camera';
/** The general-purpose reader beside the kiosk that smartphones are held to. */
export const VIRTUAL_PHONE_READER = 'Uketsuke Virtual Phone Reader';

export interface InsertOptions {
  /** How the printed card face looks to the card-tray camera. */
  variant?: VariantName;
  /** The card-face record altered after signing, or copied from another card. */
  tamperCardFace?: boolean;
  clonedRecord?: boolean;
}

/** Parts of the simulated world that are down (the kiosk's health check sees them). */
export interface SimulatedFaults {
  /** The card reader is unplugged. */
  readerDetached?: boolean;
  /** The cameras are unplugged. */
  camerasDetached?: boolean;
  /** Every connection to the eligibility service is cut (network down). */
  serviceUnreachable?: boolean;
}

/** What QA and the tests can do in the simulated world. */
export interface SimulatedWorldControls {
  /** Puts the person's card on the in-process reader (not where the cards are in pcscd: see `readers`). */
  insertCard(personId: string, options?: InsertOptions): VirtualMyNumberCard;
  /** Shows the card-tray camera the person's printed card face (done by `insertCard`; alone for a
   *  card placed in pcscd through vpcd). */
  showCardFace(personId: string, variant?: VariantName): void;
  removeCard(): void;
  /** A person's smartphone (ito-android, ito-iphone) held to the phone reader; its APDU log for tests. */
  holdPhone(personId: string): VirtualMyNumberCard;
  takePhoneAway(): void;
  /** Takes parts down or brings them back (only the ones named). */
  setFaults(faults: SimulatedFaults): void;
  readonly pinPad: VirtualPinPad;
  readonly eligibility: EligibilitySimulator;
  readonly clinicFolder: string;
}

export interface SimulatedWorld extends World {
  readonly controls: SimulatedWorldControls;
}

export async function startSimulatedWorld(options: {
  config: KioskConfig;
  log: Logger;
  /** The process's one clock (`clockForWorld`): the simulator and the kiosk read the same day. */
  clock: Clock;
  /** An OCR engine already started (tests share one). */
  cardFaceOcr?: CardFaceOcr;
  /** Parts down from the start, before the kiosk first checks its health. */
  faults?: SimulatedFaults;
  /**
   * The real PC/SC stack (pcscd + vpcd) instead of the in-process readers: the virtual cards are then
   * vpcd processes the caller runs, and insertCard / holdPhone are not available.
   */
  readers?: SmartCardReaders;
  /** The face worker and the OCR engine start when this settles; default: now. */
  enginesStartWhen?: Promise<unknown>;
}): Promise<SimulatedWorld> {
  const { config, log, clock } = options;
  const virtualReaders = new VirtualReaders([DEFAULT_VIRTUAL_READER, VIRTUAL_PHONE_READER]);
  const readers = options.readers ?? virtualReaders;
  const scanner = new VirtualCardScanner();
  const pinPad = createVirtualPinPad();
  const simulator = await startEligibilitySimulator({ clock });
  // The simulated cameras: the ones the config names (any name where it names none).
  let camerasAttached = true;
  const cameras = [config.devices.patientCameraLabel, config.cardFace.cameraDeviceLabel].map(
    (label) => label || SIMULATED_CAMERA,
  );
  let readerAttached = true;
  const setFaults = (faults: SimulatedFaults): void => {
    if (faults.readerDetached !== undefined && faults.readerDetached === readerAttached) {
      readerAttached = !faults.readerDetached;
      if (readerAttached) virtualReaders.attach();
      else virtualReaders.detach();
    }
    if (faults.camerasDetached !== undefined) camerasAttached = !faults.camerasDetached;
    if (faults.serviceUnreachable !== undefined) simulator.setReachable(!faults.serviceUnreachable);
    log.info('sim.faults', { ...faults });
  };
  if (options.faults) setFaults(options.faults);
  const showCardFace = (personId: string, variant: VariantName = 'clean'): void => {
    try {
      scanner.placeFixturePerson(personId, variant);
    } catch {
      scanner.remove(); // smartphones and foreign cards have no printed face to scan
    }
  };
  const terminal = await assembleTerminal(
    // The simulated world's certificates come from its own test hierarchy; it has a phone reader.
    {
      ...config,
      card: {
        ...config.card,
        allowTestHierarchy: true,
        phoneReaderNamePattern: config.card.phoneReaderNamePattern ?? `^${VIRTUAL_PHONE_READER}$`,
      },
    },
    log,
    {
      clock,
      readers,
      surfaceCaKeys: loadSimSurfaceCaKeys(),
      scanner,
      pinPad: config.pinPad.simulatedKeypad ? pinPad : null,
      keyStore: createFileKeyStore(join(config.eligibility.dataDir, 'eligibility.key')),
      endpoint: simulator.url,
      listCameras: () => (camerasAttached ? cameras : []),
      ...(options.cardFaceOcr ? { cardFaceOcr: options.cardFaceOcr } : {}),
      ...(options.enginesStartWhen ? { enginesStartWhen: options.enginesStartWhen } : {}),
    },
  );

  return {
    health: terminal.health,
    devices: terminal.devices,
    services: terminal.services,
    controls: {
      insertCard(personId, insert = {}) {
        if (!virtualReaders) throw new Error('the cards are in pcscd: place them through vpcd');
        const virtualCard = createVirtualCard(personId, {
          ...(insert.tamperCardFace ? { tamperCardFace: true } : {}),
          ...(insert.clonedRecord ? { clonedRecord: true } : {}),
        });
        showCardFace(personId, insert.variant);
        virtualReaders.insert(virtualCard);
        log.info('sim.card-inserted', { person: personId, variant: insert.variant ?? 'clean' });
        return virtualCard;
      },
      showCardFace,
      removeCard() {
        virtualReaders.remove();
        scanner.remove();
        log.info('sim.card-removed');
      },
      holdPhone(personId) {
        const phone = createVirtualCard(personId);
        virtualReaders.insert(phone, VIRTUAL_PHONE_READER);
        log.info('sim.phone-held', { person: personId });
        return phone;
      },
      takePhoneAway() {
        virtualReaders.remove(VIRTUAL_PHONE_READER);
        log.info('sim.phone-taken-away');
      },
      setFaults,
      pinPad,
      eligibility: simulator,
      clinicFolder: config.clinic.folder,
    },
    async close() {
      await terminal.close();
      await simulator.close();
    },
  };
}
