// Configuration of a USB PIN pad (HID keyboard class) on real terminals.
import { z } from 'zod';

export const pinPadConfigSchema = z
  .object({
    /** 'hid': a USB keypad through node-hid. 'none': no keypad (the PIN path is not offered). */
    kind: z.enum(['none', 'hid']).default('none'),
    /** The keypad's USB vendor and product id (as lsusb shows them, in decimal). */
    vendorId: z.number().int().min(0).max(0xffff).optional(),
    productId: z.number().int().min(0).max(0xffff).optional(),
    /** Input reports start with a report id byte (devices with several report ids). */
    reportId: z.boolean().default(false),
    /** How often an unplugged keypad is looked for again. */
    reconnectMs: z.number().int().min(100).max(60_000).default(1_000),
    /**
     * Where the terminal has no PIN pad: an on-screen keypad, its digits in a fixed layout or in one
     * the trusted side shuffles for every PIN entry; 'off': no PIN path without a PIN pad. Never
     * shown where a PIN pad is configured.
     */
    onScreen: z.enum(['fixed', 'shuffled', 'off']).default('fixed'),
    /** The simulated world's virtual keypad; false: it has none (as a terminal without a PIN pad). */
    simulatedKeypad: z.boolean().default(true),
  })
  .strict()
  .prefault({})
  .refine((pad) => pad.kind !== 'hid' || (pad.vendorId !== undefined && pad.productId !== undefined), {
    message: 'a HID PIN pad needs vendorId and productId',
  });

export type PinPadConfig = z.infer<typeof pinPadConfigSchema>;
