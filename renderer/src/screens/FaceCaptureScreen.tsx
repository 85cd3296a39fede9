// Shows the patient's camera with the guidance the trusted side decides. Frames go to the trusted
// side downscaled, one at a time; nothing is kept here after a frame is sent.
import { useEffect, useRef, useState } from 'react';
import type { FaceFeedback, Language } from '../../../electron/contract';
import { useKioskApi } from '../hooks/useKiosk';
import { translate, type MessageKey } from '../i18n/messages';

const FRAME_WIDTH = 320;
const FRAME_HEIGHT = 240;
const FRAME_INTERVAL_MS = 200;

function toBase64(bytes: Uint8ClampedArray): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}

export function FaceCaptureScreen(props: { language: Language; attempt: number; maxAttempts: number }) {
  const api = useKioskApi();
  const video = useRef<HTMLVideoElement>(null);
  const [feedback, setFeedback] = useState<FaceFeedback | null>(null);
  const [cameraFailed, setCameraFailed] = useState(false);

  useEffect(() => {
    let stream: MediaStream | null = null;
    let stopped = false;
    const canvas = document.createElement('canvas');
    canvas.width = FRAME_WIDTH;
    canvas.height = FRAME_HEIGHT;
    const context = canvas.getContext('2d', { willReadFrequently: true });

    const sendFrames = async () => {
      while (!stopped) {
        const element = video.current;
        if (element && context && element.readyState >= 2) {
          context.drawImage(element, 0, 0, FRAME_WIDTH, FRAME_HEIGHT);
          const pixels = context.getImageData(0, 0, FRAME_WIDTH, FRAME_HEIGHT);
          const result = await api.invoke('face:submit-frame', {
            width: FRAME_WIDTH,
            height: FRAME_HEIGHT,
            rgbaBase64: toBase64(pixels.data),
          });
          pixels.data.fill(0);
          if (stopped) break;
          if (result.ok) {
            setFeedback(result.value);
            if (result.value.finished) break;
          }
        }
        await new Promise((resolve) => setTimeout(resolve, FRAME_INTERVAL_MS));
      }
    };

    navigator.mediaDevices
      .getUserMedia({ video: { width: 640, height: 480 }, audio: false })
      .then((media) => {
        stream = media;
        if (stopped || !video.current) return;
        video.current.srcObject = media;
        void video.current.play().catch(() => undefined);
        void sendFrames();
      })
      .catch(() => setCameraFailed(true));

    return () => {
      stopped = true;
      context?.clearRect(0, 0, FRAME_WIDTH, FRAME_HEIGHT);
      for (const track of stream?.getTracks() ?? []) track.stop();
    };
  }, [api, props.attempt]);

  const guidance: MessageKey = cameraFailed ? 'face.cameraError' : `face.${feedback?.guidance ?? 'no-face'}`;
  const box = feedback?.box;
  return (
    <main className="screen face-capture" data-screen="face-capture">
      <h1>{translate(props.language, 'face.title')}</h1>
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
      <p
        className="guidance"
        role="status"
        data-guidance={cameraFailed ? 'camera-error' : (feedback?.guidance ?? 'no-face')}
      >
        {translate(props.language, guidance)}
      </p>
      <p className="note">
        {translate(props.language, 'face.attempt', { attempt: props.attempt, max: props.maxAttempts })}
      </p>
    </main>
  );
}
