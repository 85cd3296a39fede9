// The terminal's real devices: the PC/SC card reader through pcscd, the card-tray camera captured
// by the renderer, the patient camera (frames arrive through the reception flow), and the national
// eligibility service at the configured endpoint over mutual TLS.
//
// Not here yet: a USB keypad adapter (without one the PIN path is not offered). The card-surface CA
// key comes from `card.surfaceCaDir`; J-LIS's production key is not in the repository.
import { createCardSlot } from '../card/reception-card-slot';
import { CardReaderService } from '../card/card-reader-service';
import { loadSurfaceCaKeys } from '../card/surface-ca-keys';
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
  const surfaceCaKeys = config.card.surfaceCaDir ? loadSurfaceCaKeys(config.card.surfaceCaDir) : [];
  if (surfaceCaKeys.length === 0) log.warn('card.no-surface-ca', { effect: 'face path ends with staff' });
  const card = new CardReaderService({ readers, config: config.card, surfaceCaKeys, logger: log });
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
