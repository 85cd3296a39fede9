// The paths that can spend a card try, on the real PC/SC stack: the kiosk in Chromium reads pcscd
// through pcsclite, and each person's virtual card answers from vpcd (test/e2e/pcscd-cards.ts). The
// card's own APDU log shows every VERIFY it received: one for a right PIN, none for a card without
// a PIN or with its PIN locked, none after the card was pulled. Run under
// `flock /tmp/uketsuke-pcsc.lock` (it starts or shares the machine's pcscd).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKiosk, type TestKiosk } from './harness';
import { startPcscdCards, verifiesSent, type PcscdCards } from './pcscd-cards';
import { CHOOSE_METHOD, IDLE, faceFiles, outboxRows } from './records';

let cards: PcscdCards;
let kiosk: TestKiosk;

const CONSENT = '情報の提供に同意しますか';

beforeAll(async () => {
  cards = await startPcscdCards();
  kiosk = await startTestKiosk({ readers: cards.readers });
}, 120_000);

afterAll(async () => {
  await kiosk?.close();
  await cards?.stop();
});

async function place(personId: string) {
  const page = kiosk.window.page();
  await page.getByRole('heading', { name: IDLE }).waitFor();
  const card = await cards.place(kiosk, personId);
  await page.getByRole('heading', { name: CHOOSE_METHOD }).waitFor({ timeout: 30_000 });
  return card;
}

async function takeCard(): Promise<void> {
  await cards.remove();
  await kiosk.window.page().getByRole('heading', { name: IDLE }).waitFor();
}

describe('a patient on the real PC/SC stack', () => {
  it('confirms with the PIN: one VERIFY reached the card, and the visit is recorded', async () => {
    const page = kiosk.window.page();
    const card = await place('yamada-taro');
    await page.getByRole('button', { name: /暗証番号/ }).click();
    await page.getByRole('heading', { name: '暗証番号（数字4桁）を入力してください' }).waitFor();
    kiosk.world.controls.pinPad.typePin('1234');
    await page.getByRole('heading', { name: CONSENT }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'すべてに同意する' }).click();
    await page.getByRole('heading', { name: '受付が完了しました' }).waitFor({ timeout: 30_000 });

    expect(verifiesSent(card)).toHaveLength(1);
    expect(card.lines.join('\n')).not.toContain('1234');
    expect(outboxRows(kiosk)).toMatchObject([{ delivered: true, method: 'pin', outcome: 'valid' }]);
    await expect.poll(() => faceFiles(kiosk).length).toBe(1);
    await takeCard();
  });

  it('a card without a PIN and a locked PIN: no PIN choice, the reason shown, no VERIFY', async () => {
    const page = kiosk.window.page();
    for (const [person, reason] of [
      ['suzuki-ichiro', 'このカードには暗証番号が設定されていないため'],
      ['takahashi-ken', '暗証番号がロックされています。'],
    ] as const) {
      const card = await place(person);
      expect(await page.getByRole('button', { name: /暗証番号/ }).count()).toBe(0);
      await expect(page.locator('[data-unavailable="pin"]').textContent()).resolves.toContain(reason);
      expect(verifiesSent(card)).toHaveLength(0);
      await takeCard();
    }
    expect(outboxRows(kiosk)).toHaveLength(1);
  });

  it('a card pulled on the PIN screen: the word on the idle screen, no VERIFY, nothing recorded', async () => {
    const page = kiosk.window.page();
    const card = await place('sato-hanako');
    await page.getByRole('button', { name: /暗証番号/ }).click();
    kiosk.world.controls.pinPad.press('5', '6');
    await expect.poll(() => page.locator('.dot.filled').count()).toBe(2);
    await cards.remove();
    await page.getByText('カードが外されたため、受付を中止しました。').waitFor();
    // Enter after the pull finds no session to send the digits for.
    kiosk.world.controls.pinPad.press('7', '8', 'enter');
    await kiosk.kiosk.reception.settled();
    expect(verifiesSent(card)).toHaveLength(0);
    expect(outboxRows(kiosk)).toHaveLength(1);
    expect(faceFiles(kiosk)).toHaveLength(1);
  });
});
