// The services of a terminal, built once over whichever devices a world brings: the card service,
// the card-face step, the face verifier, the eligibility client (every final answer also written to
// the clinic's shared folder). The two worlds differ only in the devices they pass in.
import { CardReaderService } from '../card/card-reader-service';
import type { SurfaceCaKey } from '../card/cvc';
import { createCardSlot } from '../card/reception-card-slot';
import type { SmartCardReaders } from '../card/transport';
import type { Clock } from '../clock';
import { createCardFaceService } from '../card-face/index';
import type { CardFaceOcr } from '../card-face/ocr';
import type { CardScanner } from '../card-face/scanner';
import { writeFaceResult } from '../clinic/clinic-folder';
import { startClinicFolder } from '../clinic/folder-watcher';
import type { KioskConfig } from '../config/schema';
import { createEligibilityUpstream } from '../eligibility/https-upstream';
import type { KeyStore } from '../eligibility/key-store';
import { createEligibilityService } from '../eligibility/service';
import { createFaceVerifier } from '../face/verifier';
import { createTerminalHealth } from '../health/terminal-health';
import type { Logger } from '../log/logger';
import type { PinPad } from '../reception/ports';
import { cardFacePort, eligibilityPort, faceVerifierPort } from './adapters';
import { join } from 'node:path';
import type { World } from './world';

export interface TerminalDevices {
  /** The process's one clock: the machine's on a terminal, the simulated world's own day otherwise. */
  clock: Clock;
  readers: SmartCardReaders;
  surfaceCaKeys: readonly SurfaceCaKey[];
  scanner: CardScanner;
  pinPad: PinPad | null;
  keyStore: KeyStore;
  /** The eligibility service's address (the simulator's in the simulated world). */
  endpoint: string;
  /** Packaged face models (resources/models); absent → the installed packages' folders. */
  modelsDir?: string;
  /** An OCR engine already started (tests share one). */
  cardFaceOcr?: CardFaceOcr;
  /** Camera names the system lists, or null where it cannot list them. */
  listCameras: () => readonly string[] | null;
  /** The face worker and the OCR engine start when this settles (the first screen is up); default: now. */
  enginesStartWhen?: Promise<unknown>;
}

/** The kiosk's own readers: the phone reader beside it is not the card reader the health checks. */
function withoutReaders(readers: SmartCardReaders, pattern: string | undefined): SmartCardReaders {
  if (!pattern) return readers;
  const phone = new RegExp(pattern, 'i');
  return {
    readers: () => readers.readers().filter((reader) => !phone.test(reader.name)),
    onEvent: (listener) => readers.onEvent(listener),
    connect: (reader, share) => readers.connect(reader, share),
    close: () => readers.close(),
  };
}

export async function assembleTerminal(
  config: KioskConfig,
  log: Logger,
  devices: TerminalDevices,
): Promise<World> {
  const { phoneReaderNamePattern } = config.card;
  const card = new CardReaderService({
    readers: devices.readers,
    config: config.card,
    surfaceCaKeys: devices.surfaceCaKeys,
    logger: log,
    ...(phoneReaderNamePattern ? { excludeReaderNamePattern: phoneReaderNamePattern } : {}),
  });
  // The general-purpose reader for smartphones: its own service over the same PC/SC stack.
  const phone = phoneReaderNamePattern
    ? new CardReaderService({
        readers: devices.readers,
        config: { ...config.card, readerNamePattern: phoneReaderNamePattern },
        surfaceCaKeys: [],
        logger: log,
      })
    : null;
  const cardFace = await createCardFaceService({
    config: config.cardFace,
    scanner: devices.scanner,
    logger: log,
    clock: devices.clock,
    ...(devices.cardFaceOcr ? { ocr: devices.cardFaceOcr } : {}),
    ...(devices.enginesStartWhen ? { startWhen: devices.enginesStartWhen } : {}),
  });
  const verifier = await createFaceVerifier({
    config: config.face,
    log,
    clock: devices.clock,
    ...(devices.modelsDir ? { modelsDir: devices.modelsDir } : {}),
    ...(devices.enginesStartWhen ? { startWhen: devices.enginesStartWhen } : {}),
  });
  const { clock } = devices;
  const upstream = createEligibilityUpstream(config.eligibility, devices.endpoint);
  const eligibility = createEligibilityService({
    config: config.eligibility,
    log,
    keyStore: devices.keyStore,
    upstream,
    clock,
    onConfirmed: (outcome) => {
      try {
        writeFaceResult(config.clinic.folder, outcome, config.eligibility.medicalInstitutionCode, clock);
      } catch (error) {
        // The confirmation itself is safe in the database; staff can re-send the file.
        log.error('clinic.write-failed', { error: error instanceof Error ? error.name : 'unknown' });
      }
    },
  });
  // Requests clinic systems write to req/ are answered through the same client and cache.
  const clinicFolder = startClinicFolder({
    config: config.clinic,
    terminalId: config.terminal.id,
    medicalInstitutionCode: config.eligibility.medicalInstitutionCode,
    clinicDay: config.eligibility.cache,
    eligibility,
    databasePath: join(config.eligibility.dataDir, 'eligibility.db'),
    clock,
    log,
  });
  // One health for the out-of-service screen and the metrics' reader and camera gauges.
  const health = createTerminalHealth({
    readerNamePattern: config.card.readerNamePattern,
    cameraLabels: [config.devices.patientCameraLabel, config.cardFace.cameraDeviceLabel],
    readers: withoutReaders(devices.readers, phoneReaderNamePattern),
    listCameras: devices.listCameras,
    service: upstream,
  });
  return {
    health,
    devices: {
      cardSlot: createCardSlot(card, config.card.pinTriesFloor),
      ...(phone ? { phoneSlot: createCardSlot(phone, config.card.pinTriesFloor) } : {}),
      cardFace: cardFacePort(cardFace),
      face: faceVerifierPort(verifier),
      pinPad: devices.pinPad,
      // The on-screen keypad never stands beside a PIN pad.
      ...(devices.pinPad === null && config.pinPad.onScreen !== 'off'
        ? { onScreenKeypad: { layout: config.pinPad.onScreen } }
        : {}),
      eligibility: eligibilityPort(eligibility),
      health,
    },
    services: {
      eligibility,
      readers: devices.readers,
      endpoint: devices.endpoint,
      masterKey: devices.keyStore.loadOrCreateKey(),
    },
    async close() {
      await clinicFolder.close();
      eligibility.close();
      upstream.close();
      await Promise.allSettled([card.close(), phone?.close(), cardFace.close(), verifier.close()]);
      await devices.readers.close();
    },
  };
}
