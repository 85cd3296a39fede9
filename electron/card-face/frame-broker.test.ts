import { describe, expect, it } from 'vitest';
import { isKioskError } from '../errors/kiosk-error';
import { RendererFrameBroker, type CaptureRequestEvent } from './frame-broker';
import { CameraCardScanner } from './scanner';

const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]);

function setup() {
  const requests: CaptureRequestEvent[] = [];
  const broker = new RendererFrameBroker((event) => requests.push(event));
  const scanner = new CameraCardScanner(broker.source, { deviceLabel: 'tray', timeoutMs: 300 });
  return { requests, broker, scanner };
}

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    return isKioskError(error) ? error.code : 'not a KioskError';
  }
}

describe('the renderer frame round trip', () => {
  it('asks the renderer for frames and hands the decoded frames to the scanner', async () => {
    const { requests, broker, scanner } = setup();
    const capture = scanner.captureFrames(2);
    await Promise.resolve();
    expect(requests).toEqual([{ requestId: expect.any(String), deviceLabel: 'tray', count: 2 }]);
    broker.deliver({
      requestId: requests[0]!.requestId,
      frames: [JPEG.toString('base64'), JPEG.toString('base64')],
    });
    const frames = await capture;
    expect(frames.map((frame) => Buffer.from(frame).equals(JPEG))).toEqual([true, true]);
  });

  it('refuses frames for no outstanding capture, replays and malformed payloads', async () => {
    const { requests, broker, scanner } = setup();
    expect(
      codeOf(() => broker.deliver({ requestId: crypto.randomUUID(), frames: [JPEG.toString('base64')] })),
    ).toBe('kiosk.bad-request');
    const capture = scanner.captureFrames(1);
    await Promise.resolve();
    const { requestId } = requests[0]!;
    expect(codeOf(() => broker.deliver({ requestId, frames: ['not base64 at all!'] }))).toBe(
      'kiosk.bad-request',
    );
    expect(codeOf(() => broker.deliver({ requestId, frames: [], extra: 1 }))).toBe('kiosk.bad-request');
    broker.deliver({ requestId, frames: [JPEG.toString('base64')] });
    await capture;
    expect(codeOf(() => broker.deliver({ requestId, frames: [JPEG.toString('base64')] }))).toBe(
      'kiosk.bad-request',
    );
  });

  it('turns a camera error or a renderer that never answers into camera-unavailable', async () => {
    const { requests, broker, scanner } = setup();
    const failed = scanner
      .captureFrames(2)
      .catch((error: unknown) => (isKioskError(error) ? error.code : 'other'));
    await Promise.resolve();
    broker.deliver({ requestId: requests[0]!.requestId, error: 'camera-unavailable' });
    expect(await failed).toBe('card-face.camera-unavailable');
    const silent = await scanner
      .captureFrames(2)
      .catch((error: unknown) => (isKioskError(error) ? error.code : 'other'));
    expect(silent).toBe('card-face.camera-unavailable');
    // The late answer is refused.
    expect(
      codeOf(() => broker.deliver({ requestId: requests[1]!.requestId, frames: [JPEG.toString('base64')] })),
    ).toBe('kiosk.bad-request');
  });
});
