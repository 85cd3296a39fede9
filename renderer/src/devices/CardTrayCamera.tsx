// On a real terminal the card-tray camera can only be opened here, in the renderer. When the
// trusted side asks, this grabs the frames it wants from the camera with the configured label and
// hands them over at once; it keeps nothing and shows nothing.
import { useEffect } from 'react';
import { useKioskApi } from '../hooks/useKiosk';

const FRAME_GAP_MS = 120;

async function captureFrames(deviceLabel: string, count: number): Promise<string[]> {
  const devices = await navigator.mediaDevices.enumerateDevices();
  const camera = devices.find((device) => device.kind === 'videoinput' && device.label === deviceLabel);
  if (!camera) throw new Error('card-tray camera not found');
  const stream = await navigator.mediaDevices.getUserMedia({
    video: { deviceId: { exact: camera.deviceId }, width: 1280, height: 960 },
    audio: false,
  });
  try {
    const video = document.createElement('video');
    video.muted = true;
    video.srcObject = stream;
    await video.play();
    const canvas = document.createElement('canvas');
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    const context = canvas.getContext('2d')!;
    const frames: string[] = [];
    for (let i = 0; i < count; i++) {
      context.drawImage(video, 0, 0);
      frames.push(canvas.toDataURL('image/jpeg', 0.95).slice('data:image/jpeg;base64,'.length));
      await new Promise((resolve) => setTimeout(resolve, FRAME_GAP_MS));
    }
    context.clearRect(0, 0, canvas.width, canvas.height);
    return frames;
  } finally {
    for (const track of stream.getTracks()) track.stop();
  }
}

export function CardTrayCamera() {
  const api = useKioskApi();
  useEffect(
    () =>
      api.on('card-face:capture', ({ requestId, deviceLabel, count }) => {
        void captureFrames(deviceLabel, count)
          .then((frames) => api.invoke('card-face:frames', { requestId, frames }))
          .catch(() => api.invoke('card-face:frames', { requestId, error: 'camera-unavailable' }))
          .catch(() => undefined);
      }),
    [api],
  );
  return null;
}
