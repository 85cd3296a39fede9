// The real terminal's PIN pad from the config: a USB keypad through node-hid, or none.
import type { Logger } from '../log/logger';
import type { PinPad } from '../reception/ports';
import type { PinPadConfig } from './config';
import { createHidPinPad, nodeHidAccess } from './hid-pin-pad';

export async function configuredPinPad(config: PinPadConfig, log: Logger): Promise<PinPad | null> {
  if (config.kind !== 'hid' || config.vendorId === undefined || config.productId === undefined) return null;
  return createHidPinPad({
    config: { ...config, vendorId: config.vendorId, productId: config.productId },
    access: await nodeHidAccess(),
    log,
  });
}
