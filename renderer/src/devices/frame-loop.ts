// The patient camera's life on the face-capture screen, without React or the DOM: open the camera,
// send one frame at a time until the trusted side says the check is finished, and on stop release
// everything — also a camera that opens only after the screen has gone (its tracks are stopped at
// once), and whatever a failed send leaves (the loop waits and tries the next frame).

/** What the loop needs of a MediaStream. */
export interface CameraStream {
  getTracks(): Array<{ stop(): void }>;
}

export interface FrameLoopOptions<S extends CameraStream, F> {
  openCamera(): Promise<S>;
  /** The camera is open and the screen still shown: attach it to the video element. */
  onCamera(stream: S): void;
  onCameraFailed(): void;
  /** One JPEG frame as base64, or null when the video has no picture yet. */
  captureFrame(): Promise<string | null>;
  /** Sends a frame; resolves with the trusted side's feedback (or null when it refused the call). */
  submitFrame(jpegBase64: string): Promise<F | null>;
  onFeedback(feedback: F): void;
  isFinished(feedback: F): boolean;
  /** A frame could not be sent (host restarting, network); the loop goes on. */
  onSendFailed?(error: unknown): void;
  intervalMs: number;
}

export function startFrameLoop<S extends CameraStream, F>(options: FrameLoopOptions<S, F>): () => void {
  let stopped = false;
  let stream: S | null = null;
  const release = (media: S | null) => {
    for (const track of media?.getTracks() ?? []) track.stop();
  };

  const run = async () => {
    while (!stopped) {
      try {
        const frame = await options.captureFrame();
        if (stopped) break;
        if (frame !== null) {
          const feedback = await options.submitFrame(frame);
          if (stopped) break;
          if (feedback !== null) {
            options.onFeedback(feedback);
            if (options.isFinished(feedback)) break;
          }
        }
      } catch (error) {
        options.onSendFailed?.(error);
      }
      await new Promise((resolve) => setTimeout(resolve, options.intervalMs));
    }
  };

  options.openCamera().then(
    (media) => {
      if (stopped) {
        release(media); // the screen went before the camera opened: the camera light goes off now
        return;
      }
      stream = media;
      options.onCamera(media);
      void run();
    },
    () => {
      if (!stopped) options.onCameraFailed();
    },
  );

  return () => {
    stopped = true;
    release(stream);
    stream = null;
  };
}
