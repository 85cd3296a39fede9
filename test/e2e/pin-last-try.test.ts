// The PIN path's last try, in a real browser on the simulated world: the tries left are shown before
// the patient types, the last try waits for the patient's explicit confirmation and is then really
// sent. The virtual card's APDU log is the proof of what reached the card, and when.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sentPins } from '../support/apdu-log';
import { startTestKiosk, type TestKiosk } from './harness';

let kiosk: TestKiosk;

beforeAll(async () => {
  kiosk = await startTestKiosk();
});

afterAll(async () => {
  await kiosk?.close();
});

describe('the last PIN try', () => {
  it('wrong, wrong, then the last-try confirmation, confirm, right PIN: consent', async () => {
    const page = kiosk.window.page();
    const { pinPad } = kiosk.world.controls;
    await page.getByRole('heading', { name: 'マイナンバーカードをカードリーダーに置いてください' }).waitFor();
    const card = kiosk.world.controls.insertCard('yamada-taro');
    await page.getByRole('heading', { name: '本人確認の方法を選んでください' }).waitFor();
    // The tries left, before any digit is typed.
    await page.getByRole('button', { name: /暗証番号.*あと3回/ }).click();
    await page.getByRole('heading', { name: '暗証番号（数字4桁）を入力してください' }).waitFor();
    // The reader has its keypad: no keypad on the screen.
    expect(await page.locator('.pin-keypad').count()).toBe(0);

    pinPad.typePin('0000');
    await page.getByText('暗証番号を入力できるのは、あと2回です').waitFor();
    pinPad.typePin('0001');

    await page.getByRole('heading', { name: '暗証番号の入力は、あと1回だけです' }).waitFor();
    await expect.poll(() => page.getByRole('alert').textContent()).toContain('暗証番号が違います');
    await page.getByText('市区町村の窓口で再設定が必要になります').waitFor();
    await page.getByRole('button', { name: '職員を呼ぶ' }).waitFor();
    // Keys pressed on the keypad before the confirmation reach nothing.
    pinPad.typePin('1234');
    await page.getByRole('heading', { name: '暗証番号の入力は、あと1回だけです' }).waitFor();
    expect(sentPins(card.apduLog)).toEqual(['0000', '0001']);

    await page.getByRole('button', { name: '最後の1回を入力する' }).click();
    await page.getByRole('heading', { name: '暗証番号（数字4桁）を入力してください' }).waitFor();
    await page.getByText('これが最後の1回です。間違えるとカードがロックされ').waitFor();
    expect(sentPins(card.apduLog)).toEqual(['0000', '0001']);
    pinPad.typePin('1234');

    await page.getByRole('heading', { name: '情報の提供に同意しますか' }).waitFor();
    expect(sentPins(card.apduLog)).toEqual(['0000', '0001', '1234']);
    expect(await page.content()).not.toContain('1234');

    await page.getByRole('button', { name: 'すべてに同意する' }).click();
    await page.getByRole('heading', { name: '受付が完了しました' }).waitFor();
    kiosk.world.controls.removeCard();
    await page.getByRole('heading', { name: 'マイナンバーカードをカードリーダーに置いてください' }).waitFor();
  });
});
