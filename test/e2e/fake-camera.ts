// A fake-camera video made from real photos of one person, for Chromium's
// --use-file-for-fake-video-capture: each photo held for a number of frames, the whole looped by
// Chromium. Built with ffmpeg (a CI package) into a temporary file at test time, the same framing
// as scripts/face/make-fixtures.ts gives the still (a 400×400 face on a 640×480 grey frame).
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const FAKE_CAMERA_FPS = 5;

export function photosToY4m(shots: ReadonlyArray<{ photo: string; frames: number }>): string {
  const file = join(mkdtempSync(join(tmpdir(), 'uketsuke-camera-')), 'camera.y4m');
  const inputs = shots.flatMap(({ photo, frames }) => [
    '-loop',
    '1',
    '-framerate',
    String(FAKE_CAMERA_FPS),
    '-t',
    String(frames / FAKE_CAMERA_FPS),
    '-i',
    photo,
  ]);
  const scaled = shots
    .map((_, i) => `[${i}:v]scale=400:400,pad=640:480:120:40:color=0x808080,setsar=1,format=yuv420p[v${i}]`)
    .join(';');
  const joined = `${shots.map((_, i) => `[v${i}]`).join('')}concat=n=${shots.length}:v=1:a=0[out]`;
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    ...inputs,
    '-filter_complex',
    `${scaled};${joined}`,
    '-map',
    '[out]',
    '-r',
    String(FAKE_CAMERA_FPS),
    '-pix_fmt',
    'yuv420p',
    file,
  ]);
  return file;
}
