// The face path end to end in a real browser: the card face is read by OCR and unlocks the virtual
// card, the card photo comes off the chip, and Chromium's fake camera plays a still photograph of
// the same person. The face is found and matches, but a still cannot answer the liveness
// challenge: the kiosk must refuse it and offer the PIN or staff.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIXTURES, startTestKiosk, type TestKiosk } from './harness';

let kiosk: TestKiosk;

beforeAll(async () => {
  kiosk = await startTestKiosk({
    fakeCameraFile: join(FIXTURES, 'faces/yamada-taro-live.y4m'),
    config: {
      face: {
        maxAttempts: 2,
        attemptTimeoutMs: 8_000,
        liveness: { challengesPerAttempt: 1, challengeTimeoutMs: 2_500 },
      },
    },
  });
});

afterAll(async () => {
  await kiosk?.close();
});

describe('face verification against a still photo held to the camera', () => {
  it('finds the face but refuses it on liveness, then offers the PIN or staff', async () => {
    const page = kiosk.window.page();
    // Placed at once, while the page may still be loading: the renderer must end on the newest view
    // even when an older answer to `reception:get-view` arrives after the newer event.
    const card = kiosk.world.controls.insertCard('yamada-taro');
    await page.getByRole('button', { name: /顔認証/ }).click();
    await page.getByRole('heading', { name: 'カメラに顔を向けてください' }).waitFor({ timeout: 30_000 });

    // The card surface was opened with one VERIFY of 照合番号B read from the printed face.
    const verifies = card.apduLog.filter((entry) => entry.command[1] === 0x20 && entry.command.length > 5);
    expect(verifies).toHaveLength(1);

    // The still face is seen (a box is drawn around it) …
    await page.locator('.face-box').waitFor({ timeout: 20_000 });
    // … but it cannot blink or turn: the face path is withdrawn.
    await page.getByRole('heading', { name: '本人確認の方法を選んでください' }).waitFor({ timeout: 40_000 });
    await page.getByRole('alert').filter({ hasText: '顔認証ができませんでした' }).waitFor();
    expect(await page.getByRole('button', { name: /顔認証/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /暗証番号/ }).count()).toBe(1);
    // Every attempt ended as a spoof: the face was there, its liveness was not.
    const attempts = kiosk.logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((e) => e.event === 'face.attempt-ended');
    expect(attempts.map((e) => e.outcome)).toEqual(['spoof', 'offer-pin-or-staff']);
  });
});
