// The terminal's real devices: the PC/SC card reader through pcscd, the card-tray camera captured
// by the renderer, the patient camera (frames arrive through the reception flow), and the national
// eligibility service at the configured endpoint over mutual TLS.
//
// The PIN pad: a USB keypad through node-hid when `pinPad.kind` is 'hid' (without one the PIN path is
// not offered). The card-surface CA key comes from `card.surfaceCaDir`; J-LIS's production key is not in the repository.
import { loadSurfaceCaKeys } from '../card/surface-ca-keys';
import type { RendererFrameBroker } from '../card-face/frame-broker';
import { CameraCardScanner } from '../card-face/scanner';
import type { Clock } from '../clock';
import type { KioskConfig } from '../config/schema';
import type { KeyStore } from '../eligibility/key-store';
import type { Logger } from '../log/logger';
import { PcscliteReaders } from '../card/pcsclite-readers';
import { systemCameras } from '../health/device-presence';
import { configuredPinPad } from '../pin-pad';
import { assembleTerminal } from './terminal';
import type { World } from './world';

const CARD_TRAY_TIMEOUT_MS = 10_000;

export async function startHardwareWorld(options: {
  config: KioskConfig;
  log: Logger;
  /** The process's one clock (the machine's, `clockForWorld`). */
  clock: Clock;
  keyStore: KeyStore;
  /** The renderer's half of the card-tray camera. */
  cardTray: RendererFrameBroker;
  /** Packaged face models (resources/models); absent → the installed packages' folders. */
  modelsDir?: string;
  /** The cameras the system lists; default /sys/class/video4linux on Linux, unknown elsewhere. */
  listCameras?: () => readonly string[] | null;
}): Promise<World> {
  const { config, log } = options;
  const surfaceCaKeys = config.card.surfaceCaDir ? loadSurfaceCaKeys(config.card.surfaceCaDir) : [];
  if (surfaceCaKeys.length === 0) log.warn('card.no-surface-ca', { effect: 'face path ends with staff' });
  return assembleTerminal(config, log, {
    clock: options.clock,
    readers: new PcscliteReaders({ logger: log }),
    surfaceCaKeys,
    scanner: new CameraCardScanner(options.cardTray.source, {
      deviceLabel: config.cardFace.cameraDeviceLabel,
      timeoutMs: CARD_TRAY_TIMEOUT_MS,
    }),
    pinPad: await configuredPinPad(config.pinPad, log),
    keyStore: options.keyStore,
    endpoint: config.eligibility.endpoint,
    listCameras: options.listCameras ?? systemCameras,
    ...(options.modelsDir ? { modelsDir: options.modelsDir } : {}),
  });
}
