// The card scanner: one interface, a real implementation here (the card-tray camera, captured by
// the renderer and handed to the trusted side) and a virtual one in sim/card-face/.
// Frames are encoded images (PNG or JPEG) held in memory only; they are never stored or logged.
import { KioskError } from '../errors/kiosk-error';

export interface CardScanner {
  /** `count` frames of the card tray, taken a moment apart. */
  captureFrames(count: number): Promise<Uint8Array[]>;
}

/** What the renderer is asked for: frames of one camera, and how many. */
export interface FrameRequest {
  deviceLabel: string;
  count: number;
}

/**
 * Asks the renderer for frames (the composition root wires it to an IPC round trip) and resolves
 * with the encoded frames. It must reject, or resolve with fewer frames, when the camera fails.
 */
export type RendererFrameSource = (request: FrameRequest, signal: AbortSignal) => Promise<Uint8Array[]>;

/** A frame larger than this is not from the tray camera. */
export const MAX_FRAME_BYTES = 8 * 1024 * 1024;

export function isEncodedImage(bytes: Uint8Array): boolean {
  const png = bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47;
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff;
  return png || jpeg;
}

/** The real scanner: the card-tray camera, captured in the renderer. */
export class CameraCardScanner implements CardScanner {
  constructor(
    private readonly source: RendererFrameSource,
    private readonly options: { deviceLabel: string; timeoutMs: number },
  ) {}

  async captureFrames(count: number): Promise<Uint8Array[]> {
    let frames: Uint8Array[];
    try {
      frames = await this.source(
        { deviceLabel: this.options.deviceLabel, count },
        AbortSignal.timeout(this.options.timeoutMs),
      );
    } catch (error) {
      throw new KioskError('card-face.camera-unavailable', 'capture failed or timed out', { cause: error });
    }
    const usable = frames.filter(
      (frame) => frame instanceof Uint8Array && frame.length <= MAX_FRAME_BYTES && isEncodedImage(frame),
    );
    if (usable.length === 0) {
      throw new KioskError('card-face.camera-unavailable', `frames=${frames.length} usable=0`);
    }
    return usable.slice(0, count);
  }
}
