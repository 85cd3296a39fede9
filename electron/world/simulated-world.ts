// The simulated world: the same services as on a terminal, over virtual devices — an in-process
// card reader holding a fixture person's virtual My Number card, a card scanner that renders that
// person's printed card face, a keypad QA or tests press, and the eligibility service simulator
// over real mutual TLS on 127.0.0.1. Nothing here is a mock of a service: only the devices and the
// national service are simulated.
import { join } from 'node:path';
import type { CardFaceOcr } from '../card-face/ocr';
import type { Clock } from '../clock';
import type { KioskConfig } from '../config/schema';
import { createFileKeyStore } from '../eligibility/key-store';
import type { Logger } from '../log/logger';
import { createVirtualPinPad, type VirtualPinPad } from '../../sim/keypad/pin-pad';
import { createVirtualCard, loadSimSurfaceCaKeys } from '../../sim/card/sim-world';
import type { VirtualMyNumberCard } from '../../sim/card/virtual-card';
import { VirtualReaders } from '../../sim/card/virtual-readers';
import { VirtualCardScanner } from '../../sim/card-face/virtual-scanner';
import type { VariantName } from '../../sim/card-face/render';
import { startEligibilitySimulator, type EligibilitySimulator } from '../../sim/eligibility/server';
import { assembleTerminal } from './terminal';
import type { World } from './world';

const SIMULATED_CAMERA = 'Uketsuke simulated camera';

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
  insertCard(personId: string, options?: InsertOptions): VirtualMyNumberCard;
  removeCard(): void;
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
  /** The face worker and the OCR engine start when this settles; default: now. */
  enginesStartWhen?: Promise<unknown>;
}): Promise<SimulatedWorld> {
  const { config, log, clock } = options;
  const readers = new VirtualReaders();
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
      if (readerAttached) readers.attach();
      else readers.detach();
    }
    if (faults.camerasDetached !== undefined) camerasAttached = !faults.camerasDetached;
    if (faults.serviceUnreachable !== undefined) simulator.setReachable(!faults.serviceUnreachable);
    log.info('sim.faults', { ...faults });
  };
  if (options.faults) setFaults(options.faults);
  const terminal = await assembleTerminal(
    // The simulated world's certificates come from its own test hierarchy.
    { ...config, card: { ...config.card, allowTestHierarchy: true } },
    log,
    {
      clock,
      readers,
      surfaceCaKeys: loadSimSurfaceCaKeys(),
      scanner,
      pinPad,
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
        const virtualCard = createVirtualCard(personId, {
          ...(insert.tamperCardFace ? { tamperCardFace: true } : {}),
          ...(insert.clonedRecord ? { clonedRecord: true } : {}),
        });
        try {
          scanner.placeFixturePerson(personId, insert.variant ?? 'clean');
        } catch {
          scanner.remove(); // smartphones and foreign cards have no printed face to scan
        }
        readers.insert(virtualCard);
        log.info('sim.card-inserted', { person: personId, variant: insert.variant ?? 'clean' });
        return virtualCard;
      },
      removeCard() {
        readers.remove();
        scanner.remove();
        log.info('sim.card-removed');
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
