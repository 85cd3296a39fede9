// Shows the patient's camera with the guidance the trusted side decides. Frames go to the trusted
// side as JPEG, one at a time; nothing is kept here after a frame is sent.
import { useEffect, useRef, useState } from 'react';
import type { FaceFeedback, Language } from '../../../electron/contract';
import { startFrameLoop } from '../devices/frame-loop';
import { useKioskApi } from '../hooks/useKiosk';
import { translate } from '../i18n/messages';

const FRAME_WIDTH = 640;
const FRAME_HEIGHT = 480;
const FRAME_INTERVAL_MS = 150;

async function toBase64(blob: Blob): Promise<string> {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  bytes.fill(0);
  return btoa(binary);
}

export function FaceCaptureScreen({ language }: { language: Language }) {
  const api = useKioskApi();
  const video = useRef<HTMLVideoElement>(null);
  const [feedback, setFeedback] = useState<FaceFeedback | null>(null);
  const [cameraFailed, setCameraFailed] = useState(false);

  useEffect(() => {
    const canvas = document.createElement('canvas');
    canvas.width = FRAME_WIDTH;
    canvas.height = FRAME_HEIGHT;
    const context = canvas.getContext('2d');

    const stop = startFrameLoop({
      openCamera: () =>
        navigator.mediaDevices.getUserMedia({
          video: { width: FRAME_WIDTH, height: FRAME_HEIGHT },
          audio: false,
        }),
      onCamera: (media) => {
        if (!video.current) return;
        video.current.srcObject = media;
        void video.current.play().catch(() => undefined);
      },
      onCameraFailed: () => setCameraFailed(true),
      captureFrame: async () => {
        const element = video.current;
        if (!element || !context || element.readyState < 2) return null;
        context.drawImage(element, 0, 0, FRAME_WIDTH, FRAME_HEIGHT);
        const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.9));
        return blob ? toBase64(blob) : null;
      },
      submitFrame: async (jpegBase64) => {
        const result = await api.invoke('face:submit-frame', { jpegBase64 });
        return result.ok ? result.value : null;
      },
      onFeedback: (value: FaceFeedback) => setFeedback(value),
      isFinished: (value: FaceFeedback) => value.finished,
      intervalMs: FRAME_INTERVAL_MS,
    });

    return () => {
      stop();
      context?.clearRect(0, 0, FRAME_WIDTH, FRAME_HEIGHT);
    };
  }, [api]);

  const prompt = cameraFailed
    ? translate(language, 'face.cameraError')
    : feedback?.prompt
      ? language === 'ja'
        ? feedback.prompt.ja
        : feedback.prompt.en
      : translate(language, 'face.title');
  const box = feedback?.box;
  return (
    <main className="screen face-capture" data-screen="face-capture">
      <h1>{translate(language, 'face.title')}</h1>
      <div className="camera">
        <video ref={video} muted playsInline />
        {box ? (
          <div
            className="face-box"
            ref={(element) => {
              // Positioned through the CSSOM: the CSP forbids inline style attributes. The video is
              // mirrored so the patient sees themselves as in a mirror; the box follows.
              if (!element) return;
              element.style.left = `${(1 - box.x - box.width) * 100}%`;
              element.style.top = `${box.y * 100}%`;
              element.style.width = `${box.width * 100}%`;
              element.style.height = `${box.height * 100}%`;
            }}
          />
        ) : null}
      </div>
      <p className="guidance" role="status" data-cue={cameraFailed ? 'camera-error' : (feedback?.cue ?? '')}>
        {prompt}
      </p>
      {feedback && feedback.maxAttempts > 0 ? (
        <p className="note">
          {translate(language, 'face.attempt', { attempt: feedback.attempt, max: feedback.maxAttempts })}
        </p>
      ) : null}
    </main>
  );
}
