// The terminal's real devices: the PC/SC card reader through pcscd, the card-tray camera captured
// by the renderer, the patient camera (frames arrive through the reception flow), and the national
// eligibility service at the configured endpoint over mutual TLS.
//
// Not here yet: a USB keypad adapter (without one the PIN path is not offered) and the production
// J-LIS card-surface CA keys (without them every card-face record fails its signature check, so the
// face path ends in staff). Both are stated in the README.
import { createCardSlot } from '../card/reception-card-slot';
import { CardReaderService } from '../card/card-reader-service';
import { createCardFaceService } from '../card-face/index';
import type { RendererFrameBroker } from '../card-face/frame-broker';
import { CameraCardScanner } from '../card-face/scanner';
import type { KioskConfig } from '../config/schema';
import { createEligibilityUpstream } from '../eligibility/https-upstream';
import type { KeyStore } from '../eligibility/key-store';
import { createFaceVerifier } from '../face/verifier';
import type { Logger } from '../log/logger';
import { PcscliteReaders } from '../../native/pcsc/pcsclite-readers';
import { cardFacePort, eligibilityPort, faceVerifierPort } from './adapters';
import { createTerminalEligibility } from './terminal-eligibility';
import type { World } from './world';

const CARD_TRAY_TIMEOUT_MS = 10_000;

export async function startHardwareWorld(options: {
  config: KioskConfig;
  log: Logger;
  keyStore: KeyStore;
  /** The renderer's half of the card-tray camera. */
  cardTray: RendererFrameBroker;
  /** Packaged face models (resources/models); absent → the installed packages' folders. */
  modelsDir?: string;
}): Promise<World> {
  const { config, log } = options;
  const readers = new PcscliteReaders({ logger: log });
  const card = new CardReaderService({ readers, config: config.card, surfaceCaKeys: [], logger: log });
  const scanner = new CameraCardScanner(options.cardTray.source, {
    deviceLabel: config.cardFace.cameraDeviceLabel,
    timeoutMs: CARD_TRAY_TIMEOUT_MS,
  });
  const cardFace = await createCardFaceService({ config: config.cardFace, scanner, logger: log });
  const verifier = await createFaceVerifier({
    config: config.face,
    log,
    ...(options.modelsDir ? { modelsDir: options.modelsDir } : {}),
  });
  const upstream = createEligibilityUpstream(config.eligibility);
  const eligibility = createTerminalEligibility({
    config,
    log,
    keyStore: options.keyStore,
    upstream,
  });
  return {
    devices: {
      cardSlot: createCardSlot(card),
      cardFace: cardFacePort(cardFace, card),
      face: faceVerifierPort(verifier),
      pinPad: null,
      eligibility: eligibilityPort(eligibility),
    },
    async close() {
      eligibility.close();
      upstream.close();
      await Promise.allSettled([card.close(), cardFace.close(), verifier.close()]);
      await readers.close();
    },
  };
}
