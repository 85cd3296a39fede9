// The face path as a patient lives it, in a real browser: Chromium's fake camera plays a video made
// from real photos of one person (Junichiro_Koizumi_0003 then _0002, a head turn of 0.235 eye
// distances; test/fixtures/faces/SOURCES.csv). The card holder whose chip photo is that person
// (yamada-taro, _0001) is verified by face; another card holder (sato-hanako) sees that face
// refused and goes on with one PIN VERIFY.
//
// Only a turn this large is in the photos, so the test kiosk asks for a turn of 0.2 (default 0.25)
// towards the side the photos turn, and counts only _0003 as frontal for the liveness baseline.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { photosToY4m } from './fake-camera';
import { FIXTURES, startTestKiosk, type TestKiosk } from './harness';
import { CHOOSE_METHOD, IDLE, faceFiles, outboxRows, verifies, verifyData } from './records';

let kiosk: TestKiosk;

beforeAll(async () => {
  const camera = photosToY4m([
    { photo: join(FIXTURES, 'faces/Junichiro_Koizumi_0003.jpg'), frames: 10 },
    { photo: join(FIXTURES, 'faces/Junichiro_Koizumi_0002.jpg'), frames: 8 },
  ]);
  kiosk = await startTestKiosk({
    fakeCameraFile: camera,
    config: {
      face: {
        maxAttempts: 2,
        attemptTimeoutMs: 20_000,
        quality: { maxFrontalYaw: 0.12 },
        liveness: {
          challenges: ['turn-left'],
          challengesPerAttempt: 1,
          turnYaw: 0.2,
          challengeTimeoutMs: 8_000,
        },
      },
    },
  });
}, 120_000);

afterAll(async () => {
  await kiosk?.close();
});

const faceAttempts = () =>
  kiosk.logLines
    .map((line) => JSON.parse(line) as Record<string, unknown>)
    .filter((e) => e.event === 'face.attempt-ended')
    .map((e) => e.outcome);

describe('the face path with a live head turn', () => {
  it('verifies the card holder by face, records the confirmation and writes the clinic file', async () => {
    const page = kiosk.window.page();
    await page.getByRole('heading', { name: IDLE }).waitFor();
    const card = kiosk.world.controls.insertCard('yamada-taro');
    await page.getByRole('button', { name: /顔認証/ }).click();
    await page.getByRole('heading', { name: 'カメラに顔を向けてください' }).waitFor({ timeout: 30_000 });
    await page.getByRole('heading', { name: '情報の提供に同意しますか' }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'すべてに同意する' }).click();
    await page.getByRole('heading', { name: '受付が完了しました' }).waitFor({ timeout: 30_000 });

    expect(faceAttempts()).toEqual(['match']);
    // One VERIFY: 照合番号B read from the card face. The PIN was never asked for or sent.
    expect(verifies(card)).toHaveLength(1);
    expect(kiosk.world.controls.eligibility.confirmationMethods()).toEqual(['face']);
    const rows = outboxRows(kiosk);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ delivered: true, method: 'face', outcome: 'valid' });
    await expect.poll(() => faceFiles(kiosk).length).toBe(1);
    expect(faceFiles(kiosk)[0]).toContain('山田');

    kiosk.world.controls.removeCard();
    await page.getByRole('heading', { name: IDLE }).waitFor();
  }, 150_000);

  it("refuses another person's face, then confirms with one PIN VERIFY", async () => {
    const page = kiosk.window.page();
    const attemptsBefore = faceAttempts().length;
    const card = kiosk.world.controls.insertCard('sato-hanako');
    await page.getByRole('button', { name: /顔認証/ }).click();
    await page.getByRole('heading', { name: 'カメラに顔を向けてください' }).waitFor({ timeout: 30_000 });
    // The face on the camera is alive but is not the card's: both attempts end as no match.
    await page.getByRole('heading', { name: CHOOSE_METHOD }).waitFor({ timeout: 90_000 });
    await page.getByRole('alert').filter({ hasText: '顔認証ができませんでした' }).waitFor();
    expect(await page.getByRole('button', { name: /顔認証/ }).count()).toBe(0);
    expect(faceAttempts().slice(attemptsBefore)).toEqual(['no-match', 'offer-pin-or-staff']);
    expect(verifies(card)).toHaveLength(1); // 照合番号B only, so far

    await page.getByRole('button', { name: /暗証番号/ }).click();
    await page.getByRole('heading', { name: '暗証番号（数字4桁）を入力してください' }).waitFor();
    kiosk.world.controls.pinPad.typePin('5678');
    await page.getByRole('heading', { name: '情報の提供に同意しますか' }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'すべてに同意する' }).click();
    await page.getByRole('heading', { name: '受付が完了しました' }).waitFor({ timeout: 30_000 });

    const sent = verifies(card);
    expect(sent).toHaveLength(2);
    expect(sent.filter((entry) => verifyData(entry) === '5678')).toHaveLength(1);
    expect(kiosk.world.controls.eligibility.confirmationMethods()).toEqual(['face', 'pin']);
    const rows = outboxRows(kiosk);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toMatchObject({ delivered: true, method: 'pin', outcome: 'valid' });
    await expect.poll(() => faceFiles(kiosk).length).toBe(2);
    expect(faceFiles(kiosk).some((xml) => xml.includes('佐藤'))).toBe(true);

    kiosk.world.controls.removeCard();
    await page.getByRole('heading', { name: IDLE }).waitFor();
  }, 180_000);
});
