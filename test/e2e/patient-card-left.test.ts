// A patient who walks away, in a real browser on the simulated world: the session left untouched
// ends at the timeout (10 s here, the shortest the config allows) and asks for the card; a card left
// on the reader after a finished visit is asked for, and no next session starts until it is taken.
// Consent taps count as activity. Each checks what was recorded: the outbox rows in the SQLite
// file, the clinic's face/ files and the card's VERIFYs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKiosk, type TestKiosk } from './harness';
import { CHOOSE_METHOD, IDLE, faceFiles, outboxRows, verifies } from './records';

const SESSION_TIMEOUT_MS = 10_000;
const TIMED_OUT = '時間が過ぎたため受付を中止しました。カードをお取りください。';
const CONSENT = '情報の提供に同意しますか';

let kiosk: TestKiosk;

beforeAll(async () => {
  kiosk = await startTestKiosk({ config: { reception: { sessionTimeoutMs: SESSION_TIMEOUT_MS } } });
});

afterAll(async () => {
  await kiosk?.close();
});

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the session timeout', () => {
  it('ends an untouched session mid-PIN: the typed digits are dropped, the card is asked for', async () => {
    const page = kiosk.window.page();
    await page.getByRole('heading', { name: IDLE }).waitFor();
    const card = kiosk.world.controls.insertCard('yamada-taro');
    await page.getByRole('heading', { name: CHOOSE_METHOD }).waitFor();
    await page.getByRole('button', { name: /暗証番号/ }).click();
    kiosk.world.controls.pinPad.press('1', '2');
    await expect.poll(() => page.locator('.dot.filled').count()).toBe(2);

    await page.getByRole('heading', { name: TIMED_OUT }).waitFor({ timeout: SESSION_TIMEOUT_MS * 3 });
    expect(kiosk.kiosk.reception.view()).toMatchObject({ screen: 'take-card', sound: 'take-card' });
    expect(verifies(card)).toHaveLength(0);
    // The digits went with the session: Enter now sends nothing.
    kiosk.world.controls.pinPad.press('3', '4', 'enter');
    await kiosk.kiosk.reception.settled();
    expect(verifies(card)).toHaveLength(0);
    expect(outboxRows(kiosk)).toHaveLength(0);

    kiosk.world.controls.removeCard();
    await page.getByRole('heading', { name: IDLE }).waitFor();
    // Taken as asked: no "card pulled" word on the idle screen.
    expect(await page.getByRole('alert').count()).toBe(0);
  });

  it('counts consent taps as activity', async () => {
    const page = kiosk.window.page();
    kiosk.world.controls.insertCard('sato-hanako');
    await page.getByRole('heading', { name: CHOOSE_METHOD }).waitFor();
    await page.getByRole('button', { name: /暗証番号/ }).click();
    kiosk.world.controls.pinPad.typePin('5678');
    await page.getByRole('heading', { name: CONSENT }).waitFor({ timeout: 30_000 });
    // Reading slowly: more than one timeout in all, never one without a tap.
    for (const item of ['medication', 'healthCheck']) {
      await pause(SESSION_TIMEOUT_MS * 0.6);
      await page
        .locator(`[data-item="${item}"]`)
        .getByRole('radio', { name: '同意する', exact: true })
        .click();
    }
    await pause(SESSION_TIMEOUT_MS * 0.6);
    expect(kiosk.kiosk.reception.view().screen).toBe('consent');
    await page.getByRole('heading', { name: CONSENT }).waitFor();
    await page.getByRole('button', { name: 'すべてに同意する' }).click();
    await page.getByRole('heading', { name: '受付が完了しました' }).waitFor({ timeout: 30_000 });
    expect(outboxRows(kiosk)).toHaveLength(1);
    kiosk.world.controls.removeCard();
    await page.getByRole('heading', { name: IDLE }).waitFor();
  }, 90_000);
});

describe('a card left on the reader', () => {
  it('after a finished visit: asked for, and no next session until it is taken', async () => {
    const page = kiosk.window.page();
    await page.getByRole('heading', { name: IDLE }).waitFor();
    const rowsBefore = outboxRows(kiosk).length;
    const filesBefore = faceFiles(kiosk).length;
    const card = kiosk.world.controls.insertCard('yamada-taro');
    await page.getByRole('heading', { name: CHOOSE_METHOD }).waitFor();
    await page.getByRole('button', { name: /暗証番号/ }).click();
    kiosk.world.controls.pinPad.typePin('1234');
    await page.getByRole('heading', { name: CONSENT }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'すべてに同意する' }).click();
    await page.getByRole('heading', { name: '受付が完了しました' }).waitFor({ timeout: 30_000 });

    // The patient walks away with the card on the reader: the kiosk asks for it, not for a card.
    await page.getByRole('heading', { name: TIMED_OUT }).waitFor({ timeout: SESSION_TIMEOUT_MS * 3 });
    expect(kiosk.kiosk.reception.view()).toMatchObject({ screen: 'take-card', sound: 'take-card' });
    expect(await page.getByRole('heading', { name: IDLE }).count()).toBe(0);

    // Keys pressed and another timeout's worth of waiting start nothing for the next patient.
    kiosk.world.controls.pinPad.press('5', 'enter');
    await pause(SESSION_TIMEOUT_MS * 1.2);
    await kiosk.kiosk.reception.settled();
    expect(kiosk.kiosk.reception.state()).toBe('takeCard');
    await page.getByRole('heading', { name: TIMED_OUT }).waitFor();
    expect(await page.getByRole('button', { name: /暗証番号|顔認証/ }).count()).toBe(0);

    // The visit was recorded once, and the left card spent nothing more.
    expect(outboxRows(kiosk)).toHaveLength(rowsBefore + 1);
    await expect.poll(() => faceFiles(kiosk).length).toBe(filesBefore + 1);
    expect(verifies(card)).toHaveLength(1);

    // Taken: idle, with no "pulled" word; the next patient starts a session of their own.
    kiosk.world.controls.removeCard();
    await page.getByRole('heading', { name: IDLE }).waitFor();
    expect(await page.getByRole('alert').count()).toBe(0);
    kiosk.world.controls.insertCard('sato-hanako');
    await page.getByRole('heading', { name: CHOOSE_METHOD }).waitFor();
    kiosk.world.controls.removeCard();
    await page.getByRole('heading', { name: IDLE }).waitFor();
  }, 90_000);
});
