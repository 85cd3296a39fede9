// The face check end to end on the main side: the real worker thread, face-api (detection,
// landmarks) on the WASM backend, the vendored MobileFaceNet embedding on onnxruntime-node, the
// real card-photo decoder, photos from test/fixtures/faces (see SOURCES.csv). Time is a manual
// clock (a step per frame) so timeouts are reached without waiting.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manualClock, SIMULATED_WORLD_START } from '../../../electron/clock';
import { decodeCardPhoto } from '../../../electron/face/card-photo';
import { faceConfigSchema } from '../../../electron/face/config';
import { decodeJpeg, rgbaFrameOf, type CameraFrame } from '../../../electron/face/frame';
import { createImage, pad, resize, type RawImage } from '../../../electron/face/image';
import type { FaceProgress } from '../../../electron/face/session';
import { createFaceVerifier, type FaceVerifier } from '../../../electron/face/verifier';
import { createLogger, memorySink } from '../../../electron/log/logger';

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/faces');
const read = (name: string) => new Uint8Array(readFileSync(path.join(fixtures, name)));

const yamadaCard = read('yamada-taro-card.j2k'); // Junichiro_Koizumi_0001
const abeCard = read('shinzo-abe-card.j2k'); // Shinzo_Abe_0001
// The simulated world's suzuki-ichiro card (sim/fixtures/persons/photos/Naoto_Kan_0001.j2k): the
// look-alike the old 128-d descriptor put within its threshold of yamada-taro's live photo.
const suzukiCard = read('suzuki-ichiro-card.j2k');
const koizumi2 = read('Junichiro_Koizumi_0002.jpg');
const koizumi3 = read('Junichiro_Koizumi_0003.jpg');
const abe = read('Shinzo_Abe_0001.jpg');

const asJpeg = (image: RawImage): CameraFrame => {
  const { width, height, data } = rgbaFrameOf(image) as Extract<CameraFrame, { format: 'rgba' }>;
  return { format: 'jpeg', data: new Uint8Array(jpeg.encode({ data, width, height }, 90).data) };
};
const frameOf = (bytes: Uint8Array): CameraFrame => ({ format: 'jpeg', data: bytes });

/** The luma plane of the one-frame .y4m given to Chromium as its fake camera (grey is all we need). */
function y4mLuma(bytes: Uint8Array): RawImage {
  const text = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const width = Number(/ W(\d+)/.exec(text)?.[1]);
  const height = Number(/ H(\d+)/.exec(text)?.[1]);
  const frameAt = text.indexOf('FRAME\n') + 'FRAME\n'.length;
  return { width, height, channels: 1, data: bytes.slice(frameAt, frameAt + width * height) };
}

/** Two people side by side in one frame. */
function twoFaces(): CameraFrame {
  const left = decodeJpeg(koizumi3);
  const right = decodeJpeg(abe);
  const out = createImage(left.width + right.width, Math.max(left.height, right.height), 3, 128);
  for (let y = 0; y < out.height; y++) {
    if (y < left.height)
      out.data.set(left.data.subarray(y * left.width * 3, (y + 1) * left.width * 3), y * out.width * 3);
    if (y < right.height)
      out.data.set(
        right.data.subarray(y * right.width * 3, (y + 1) * right.width * 3),
        (y * out.width + left.width) * 3,
      );
  }
  return asJpeg(out);
}

// The only liveness a set of still photos can show: two real photos of the same man whose pose
// differs (yaw −0.08 → +0.16 in eye units), played as a head turn to his left. The turn threshold
// is lowered to 0.2 for that reason; the kiosk default is 0.25.
const config = faceConfigSchema.parse({
  attemptTimeoutMs: 4_000,
  maxAttempts: 2,
  liveness: { challenges: ['turn-left'], challengesPerAttempt: 1, challengeTimeoutMs: 2_000, turnYaw: 0.2 },
});
const turnSequence = [koizumi3, koizumi3, koizumi2, koizumi2, koizumi3, koizumi3, koizumi3].map(frameOf);

let verifier: FaceVerifier;
const clock = manualClock(SIMULATED_WORLD_START);
const sink = memorySink();

/** Genuine sequences arrive every 400 ms; for the timeouts, 1.5 s per frame gets there sooner. */
const FAST = 400;
const SLOW = 1_500;

async function play(
  card: Uint8Array,
  frames: CameraFrame[],
  stepMs: number,
  untilOutcome = true,
): Promise<FaceProgress[]> {
  const session = await verifier.startSession(card);
  const seen: FaceProgress[] = [session.initial];
  for (const frame of frames) {
    clock.advance(stepMs);
    const progress = await session.submitFrame(frame);
    seen.push(progress);
    if (progress.final || (untilOutcome && progress.outcome)) break;
  }
  session.cancel();
  return seen;
}
const outcomes = (seen: FaceProgress[]) => seen.map((p) => p.outcome).filter(Boolean);

beforeAll(async () => {
  verifier = await createFaceVerifier({
    config,
    log: createLogger(sink),
    clock,
    randomInt: () => 0,
  });
});
afterAll(async () => {
  await verifier.close();
});

describe('face verification (worker, face-api WASM, real photos)', () => {
  it('matches the card holder who turns his head when asked', async () => {
    const seen = await play(yamadaCard, turnSequence, FAST);
    expect(seen[2]?.challenge?.kind).toBe('turn-left');
    expect(outcomes(seen)).toEqual(['match']);
    expect(seen.at(-1)?.final).toBe(true);
  });

  it('refuses a different person holding this card', async () => {
    const seen = await play(abeCard, turnSequence, FAST);
    expect(outcomes(seen)).toEqual(['no-match']);
  });

  it("refuses yamada-taro holding suzuki-ichiro's card (the simulated world's look-alike pair)", async () => {
    const seen = await play(suzukiCard, turnSequence, FAST);
    expect(outcomes(seen)).toEqual(['no-match']);
  });

  it('refuses a still photo of the card holder (a still camera stream): spoof', async () => {
    const seen = await play(
      yamadaCard,
      Array.from({ length: 12 }, () => frameOf(koizumi2)),
      SLOW,
    );
    expect(outcomes(seen)).toEqual(['spoof']);
  });

  it('refuses the fake-camera still stream (yamada-taro-live.y4m) as a spoof', async () => {
    const still = asJpeg(y4mLuma(read('yamada-taro-live.y4m')));
    const seen = await play(
      yamadaCard,
      Array.from({ length: 12 }, () => still),
      SLOW,
    );
    expect(seen[1]?.guidance).toBeNull(); // a well-placed face: it is liveness that refuses it
    expect(outcomes(seen)).toEqual(['spoof']);
  });

  it('refuses the card photo itself held up to the camera, moved about a little', async () => {
    const photo = await decodeCardPhoto(yamadaCard);
    const frames = Array.from({ length: 12 }, (_, i) => {
      const scaled = resize(photo, 300 + (i % 3) * 12, 400 + (i % 3) * 16);
      return asJpeg(pad(scaled, 0.15 + (i % 2) * 0.03));
    });
    const seen = await play(yamadaCard, frames, SLOW);
    expect(outcomes(seen)).toEqual(['spoof']);
  });

  it('reports no face when nobody is in front of the camera', async () => {
    const empty = asJpeg(createImage(320, 240, 3, 90));
    const seen = await play(
      yamadaCard,
      Array.from({ length: 12 }, () => empty),
      SLOW,
    );
    expect(seen[1]?.guidance).toBe('no-face');
    expect(outcomes(seen)).toEqual(['no-face']);
  });

  it('reports several faces when two people stand in front of the camera', async () => {
    const two = twoFaces();
    const seen = await play(
      yamadaCard,
      Array.from({ length: 12 }, () => two),
      SLOW,
    );
    expect(seen[1]?.guidance).toBe('several-faces');
    expect(outcomes(seen)).toEqual(['several-faces']);
  });

  it('gives a bad-card-photo outcome for a corrupt card photo, at once', async () => {
    const corrupt = yamadaCard.slice(0, 200);
    const session = await verifier.startSession(corrupt);
    expect(session.initial.outcome).toBe('bad-card-photo');
    expect(session.initial.final).toBe(true);
  });

  it('offers the PIN path or staff after the configured number of failed attempts', async () => {
    const seen = await play(abeCard, [...turnSequence, ...turnSequence], FAST, false);
    expect(outcomes(seen)).toEqual(['no-match', 'offer-pin-or-staff']);
    expect(seen.at(-1)?.lastFailure).toBe('no-match');
  });

  it('writes no pixels, embeddings or similarities to the log', () => {
    const log = sink.lines.join('');
    expect(log).toContain('face.attempt-ended');
    expect(log).not.toMatch(/descriptor|embedding|similarity|distance|Float32Array|\d\.\d{5}/);
  });
});
