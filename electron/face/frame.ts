// Camera frames as the renderer sends them: JPEG bytes (what canvas.toBlob('image/jpeg') gives,
// ~15–30 KB at 640×480) or raw RGBA (what getImageData gives). Both are checked before decoding.
import jpeg from 'jpeg-js';
import { KioskError } from '../errors/kiosk-error';
import { toRgb, type RawImage } from './image';

export type CameraFrame =
  { format: 'jpeg'; data: Uint8Array } | { format: 'rgba'; width: number; height: number; data: Uint8Array };

export interface FrameLimits {
  maxWidth: number;
  maxHeight: number;
  maxJpegBytes: number;
  /** jpeg-js's own allocation cap. */
  maxMemoryMB: number;
}

export const DEFAULT_FRAME_LIMITS: FrameLimits = {
  maxWidth: 1280,
  maxHeight: 960,
  maxJpegBytes: 1024 * 1024,
  maxMemoryMB: 64,
};

/** Decodes a JPEG (from the renderer, or a test image) to RGB; throws `face.frame-invalid`. */
export function decodeJpeg(bytes: Uint8Array, limits: FrameLimits = DEFAULT_FRAME_LIMITS): RawImage {
  if (bytes.length > limits.maxJpegBytes)
    throw new KioskError('face.frame-invalid', `jpeg bytes=${bytes.length}`);
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new KioskError('face.frame-invalid', 'not a JPEG');
  try {
    const maxMegapixels = (limits.maxWidth * limits.maxHeight) / 1e6;
    const decoded = jpeg.decode(bytes, {
      useTArray: true,
      formatAsRGBA: false,
      maxResolutionInMP: maxMegapixels,
      maxMemoryUsageInMB: limits.maxMemoryMB,
    });
    if (decoded.width > limits.maxWidth || decoded.height > limits.maxHeight)
      throw new KioskError('face.frame-invalid', `${decoded.width}x${decoded.height}`);
    return { width: decoded.width, height: decoded.height, channels: 3, data: decoded.data };
  } catch (error) {
    if (error instanceof KioskError) throw error;
    throw new KioskError('face.frame-invalid', 'jpeg decode failed', { cause: error });
  }
}

export function decodeFrame(frame: CameraFrame, limits: FrameLimits = DEFAULT_FRAME_LIMITS): RawImage {
  if (frame.format === 'jpeg') return decodeJpeg(frame.data, limits);
  const { width, height, data } = frame;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 32 || height < 32)
    throw new KioskError('face.frame-invalid', `${width}x${height}`);
  if (width > limits.maxWidth || height > limits.maxHeight)
    throw new KioskError('face.frame-invalid', `${width}x${height}`);
  if (data.length !== width * height * 4) throw new KioskError('face.frame-invalid', 'rgba length');
  return { width, height, channels: 4, data };
}

/** An image as the raw RGBA frame a canvas's getImageData gives (benchmarks and tests send these). */
export function rgbaFrameOf(image: RawImage): CameraFrame {
  const rgb = toRgb(image);
  const data = new Uint8Array(rgb.width * rgb.height * 4);
  for (let i = 0; i < rgb.width * rgb.height; i++) {
    data.set(rgb.data.subarray(i * 3, i * 3 + 3), i * 4);
    data[i * 4 + 3] = 255;
  }
  return { format: 'rgba', width: rgb.width, height: rgb.height, data };
}
