// The trusted side's half of the camera round trip: it asks the renderer for frames with an event
// and accepts them through one request, matched by a one-time request id. The renderer captures
// (it owns the camera), the trusted side decides what the frames mean.
//
//   event   'card-face:capture'  trusted → renderer  { requestId, deviceLabel, count }
//   request 'card-face:frames'   renderer → trusted  { requestId, frames: base64 PNG/JPEG[] }
//                                                     or { requestId, error: 'camera-unavailable' }
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { KioskError } from '../errors/kiosk-error';
import { MAX_FRAME_BYTES, type FrameRequest, type RendererFrameSource } from './scanner';

export interface CaptureRequestEvent extends FrameRequest {
  requestId: string;
}

const MAX_FRAMES = 4;
// base64 grows by 4/3.
const MAX_BASE64_LENGTH = Math.ceil(MAX_FRAME_BYTES / 3) * 4;

/** Validates what the renderer sends on 'card-face:frames'. */
export const framesDeliverySchema = z.union([
  z
    .object({
      requestId: z.string().uuid(),
      frames: z
        .array(
          z
            .string()
            .min(8)
            .max(MAX_BASE64_LENGTH)
            .regex(/^[A-Za-z0-9+/]+={0,2}$/),
        )
        .min(1)
        .max(MAX_FRAMES),
    })
    .strict(),
  z.object({ requestId: z.string().uuid(), error: z.literal('camera-unavailable') }).strict(),
]);
export type FramesDelivery = z.infer<typeof framesDeliverySchema>;

export class RendererFrameBroker {
  private pending:
    | { requestId: string; resolve: (frames: Uint8Array[]) => void; reject: (error: unknown) => void }
    | undefined;

  constructor(private readonly emitCaptureRequest: (event: CaptureRequestEvent) => void) {}

  /** The `RendererFrameSource` for `CameraCardScanner`. One capture at a time. */
  readonly source: RendererFrameSource = (request, signal) => {
    this.pending?.reject(new Error('superseded by a newer capture'));
    const requestId = randomUUID();
    return new Promise<Uint8Array[]>((resolve, reject) => {
      const settle = (): void => {
        if (this.pending?.requestId === requestId) this.pending = undefined;
      };
      this.pending = {
        requestId,
        resolve: (frames) => {
          settle();
          resolve(frames);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      };
      signal.addEventListener(
        'abort',
        () => this.pending?.requestId === requestId && this.pending.reject(signal.reason),
        {
          once: true,
        },
      );
      this.emitCaptureRequest({ requestId, deviceLabel: request.deviceLabel, count: request.count });
    });
  };

  /**
   * Handles a 'card-face:frames' request. Frames for no outstanding capture (late, replayed or
   * forged) are refused with `kiosk.bad-request` and dropped.
   */
  deliver(payload: unknown): { accepted: true } {
    const parsed = framesDeliverySchema.safeParse(payload);
    if (!parsed.success) throw new KioskError('kiosk.bad-request', 'card-face:frames failed validation');
    const pending = this.pending;
    if (!pending || pending.requestId !== parsed.data.requestId) {
      throw new KioskError('kiosk.bad-request', 'card-face:frames for no outstanding capture');
    }
    if ('error' in parsed.data) {
      pending.reject(new Error('renderer reported the camera unavailable'));
    } else {
      pending.resolve(parsed.data.frames.map((frame) => new Uint8Array(Buffer.from(frame, 'base64'))));
    }
    return { accepted: true };
  }
}
