// The face-capture camera loop with a camera that opens late and a host that fails a send: the
// camera is released whenever the screen goes, and a failed send neither escapes nor ends the loop.
import { describe, expect, it } from 'vitest';
import { startFrameLoop, type CameraStream } from './frame-loop';

function camera() {
  const stopped: boolean[] = [false, false];
  const stream: CameraStream = {
    getTracks: () => stopped.map((_, i) => ({ stop: () => void (stopped[i] = true) })),
  };
  let open!: (value: CameraStream) => void;
  const opened = new Promise<CameraStream>((resolve) => (open = resolve));
  return { stream, stopped, opened, open: () => open(stream) };
}

const tick = (ms = 20) => new Promise((resolve) => setTimeout(resolve, ms));

describe('face-capture frame loop', () => {
  it('stops the tracks of a camera that opens after the screen has gone', async () => {
    const cam = camera();
    let attached = 0;
    const stop = startFrameLoop({
      openCamera: () => cam.opened,
      onCamera: () => void (attached += 1),
      onCameraFailed: () => undefined,
      captureFrame: async () => 'frame',
      submitFrame: async () => ({ finished: false }),
      onFeedback: () => undefined,
      isFinished: (f) => f.finished,
      intervalMs: 5,
    });
    stop(); // the patient pressed やめる while the camera was still opening
    cam.open();
    await tick();
    expect(cam.stopped).toEqual([true, true]);
    expect(attached).toBe(0);
  });

  it('goes on after a send fails, and stops on the finished answer', async () => {
    const cam = camera();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    let sends = 0;
    const failures: unknown[] = [];
    const feedback: number[] = [];
    const stop = startFrameLoop({
      openCamera: () => cam.opened,
      onCamera: () => undefined,
      onCameraFailed: () => undefined,
      captureFrame: async () => 'frame',
      submitFrame: async () => {
        sends += 1;
        if (sends === 1) throw new Error('kiosk host answered 503');
        return { n: sends, finished: sends === 3 };
      },
      onFeedback: (f) => feedback.push(f.n),
      isFinished: (f) => f.finished,
      onSendFailed: (error) => failures.push(error),
      intervalMs: 5,
    });
    cam.open();
    await expect.poll(() => feedback).toEqual([2, 3]);
    await tick(50);
    expect(sends).toBe(3); // nothing sent after the finished answer
    expect(failures).toHaveLength(1);
    stop();
    expect(cam.stopped).toEqual([true, true]);
    process.off('unhandledRejection', onUnhandled);
    expect(unhandled).toEqual([]);
  });
});
