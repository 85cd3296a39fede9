// A terminal without a PIN pad, in a real browser on the simulated world: the PIN is tapped on the
// on-screen keypad the trusted side laid out (shuffled), masked, and sent once on 確定. The virtual
// card's APDU log shows the one VERIFY.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentPins } from '../support/apdu-log';
import { startTestKiosk, type TestKiosk } from './harness';

let kiosk: TestKiosk;

beforeAll(async () => {
  kiosk = await startTestKiosk({ config: { pinPad: { onScreen: 'shuffled', simulatedKeypad: false } } });
});

afterAll(async () => {
  await kiosk?.close();
});

describe('the on-screen keypad', () => {
  it('takes the PIN by taps, masked, and sends one VERIFY on 確定', async () => {
    const page = kiosk.window.page();
    await page.getByRole('heading', { name: 'マイナンバーカードをカードリーダーに置いてください' }).waitFor();
    const card = kiosk.world.controls.insertCard('yamada-taro');
    await page.getByRole('button', { name: /暗証番号/ }).click();
    await page.getByText('画面の数字を押し、「確定」を押してください').first().waitFor();

    const keypad = page.getByRole('group', { name: '画面の数字を押し、「確定」を押してください' });
    const digits = await keypad.locator('button.digit').allTextContents();
    expect([...digits].sort()).toEqual(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    const enter = page.getByRole('button', { name: '確定' });
    for (const digit of ['1', '2', '3'])
      await keypad.getByRole('button', { name: digit, exact: true }).click();
    await expect.poll(() => page.locator('.dot.filled').count()).toBe(3);
    expect(await enter.isDisabled()).toBe(true);
    await keypad.getByRole('button', { name: '4', exact: true }).click();
    // Masked: four dots, no digit anywhere on the page but the keys' own labels.
    await expect.poll(() => page.locator('.dot.filled').count()).toBe(4);
    expect(await page.locator('input').count()).toBe(0);
    expect(sentPins(card.apduLog)).toEqual([]);

    await enter.click();
    await page.getByRole('heading', { name: '情報の提供に同意しますか' }).waitFor();
    expect(sentPins(card.apduLog)).toEqual(['1234']);
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(storage).toBe('{}');
    expect(kiosk.logLines.join('\n')).not.toContain('1234');

    await page.getByRole('button', { name: 'すべてに同意する' }).click();
    await page.getByRole('heading', { name: '受付が完了しました' }).waitFor();
    kiosk.world.controls.removeCard();
    await page.getByRole('heading', { name: 'マイナンバーカードをカードリーダーに置いてください' }).waitFor();
  });
});
