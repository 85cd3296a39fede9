import { describe, expect, it } from 'vitest';
import { isKioskError } from '../errors/kiosk-error';
import { CameraCardScanner, type RendererFrameSource } from './scanner';

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0]);

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return isKioskError(error) ? error.code : 'not a KioskError';
  }
}

describe('the card-tray camera scanner', () => {
  const scanner = (source: RendererFrameSource) =>
    new CameraCardScanner(source, { deviceLabel: 'Card tray camera', timeoutMs: 200 });

  it('asks the renderer for the configured camera and keeps only encoded images', async () => {
    let asked: unknown;
    const frames = await scanner(async (request) => {
      asked = request;
      return [PNG, new Uint8Array([1, 2, 3]), JPEG];
    }).captureFrames(2);
    expect(asked).toEqual({ deviceLabel: 'Card tray camera', count: 2 });
    expect(frames).toEqual([PNG, JPEG]);
  });

  it('reports an unavailable camera when the renderer fails, sends garbage, or never answers', async () => {
    expect(await codeOf(scanner(() => Promise.reject(new Error('NotAllowedError'))).captureFrames(2))).toBe(
      'card-face.camera-unavailable',
    );
    expect(await codeOf(scanner(async () => [new Uint8Array([0, 1, 2, 3])]).captureFrames(2))).toBe(
      'card-face.camera-unavailable',
    );
    const never: RendererFrameSource = (_request, signal) =>
      new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
    expect(await codeOf(scanner(never).captureFrames(2))).toBe('card-face.camera-unavailable');
  });
});
