// The patient's whole visit on the simulated world, in a real browser: the virtual card on the
// reader, the keypad, the consent screen, the eligibility simulator over mutual TLS, and the
// clinic's Shift_JIS result file.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKiosk, type TestKiosk } from './harness';

let kiosk: TestKiosk;

beforeAll(async () => {
  kiosk = await startTestKiosk();
});

afterAll(async () => {
  await kiosk?.close();
});

describe('a patient at the kiosk', () => {
  it('confirms with the PIN and consent, and the clinic gets the result file', async () => {
    const page = kiosk.window.page();
    await page.getByRole('heading', { name: 'マイナンバーカードをカードリーダーに置いてください' }).waitFor();
    kiosk.world.controls.insertCard('yamada-taro');
    await page.getByRole('heading', { name: '本人確認の方法を選んでください' }).waitFor();
    await page.getByRole('button', { name: /暗証番号/ }).click();
    await page.getByRole('heading', { name: '暗証番号（数字4桁）を入力してください' }).waitFor();

    kiosk.world.controls.pinPad.press('1', '2');
    await expect.poll(() => page.locator('.dot.filled').count()).toBe(2);
    kiosk.world.controls.pinPad.press('3', '4', 'enter');

    await page.getByRole('heading', { name: '情報の提供に同意しますか' }).waitFor();
    await page.getByRole('button', { name: 'すべてに同意する' }).click();
    await page.getByRole('heading', { name: '受付が完了しました' }).waitFor();

    const faceFolder = join(kiosk.dataDir, 'clinic', 'face');
    await expect.poll(() => readdirSync(faceFolder).filter((f) => f.endsWith('.xml')).length).toBe(1);
    const xml = iconv.decode(readFileSync(join(faceFolder, readdirSync(faceFolder)[0]!)), 'Shift_JIS');
    expect(xml).toContain('山田');
    expect(xml).toMatch(/PharmacistsInfoConsFlg>1</);

    // Nothing personal reached the page's storage, and the PIN never reached the page at all.
    const storage = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
    expect(storage).toBe('{}');
    expect(await page.content()).not.toContain('1234');

    kiosk.world.controls.removeCard();
    await page.getByRole('heading', { name: 'マイナンバーカードをカードリーダーに置いてください' }).waitFor();
  });

  it('sends a wrong PIN once, shows the tries left, and never retries it', async () => {
    const page = kiosk.window.page();
    const card = kiosk.world.controls.insertCard('sato-hanako');
    await page.getByRole('button', { name: /暗証番号/ }).click();
    kiosk.world.controls.pinPad.typePin('0000');
    await page
      .getByRole('alert')
      .filter({ hasText: /暗証番号/ })
      .waitFor();
    // VERIFY (INS 20) with data; an empty VERIFY only reads the retry counter.
    const verifies = card.apduLog.filter((entry) => entry.command[1] === 0x20 && entry.command.length > 5);
    expect(verifies).toHaveLength(1);
    await page.getByRole('button', { name: 'やめる' }).click();
    kiosk.world.controls.removeCard();
    await page.getByRole('heading', { name: 'マイナンバーカードをカードリーダーに置いてください' }).waitFor();
  });

  it('tells the holder of a card that is not a My Number card to take it back', async () => {
    const page = kiosk.window.page();
    kiosk.world.controls.insertCard('garbage-card');
    await page.getByRole('heading', { name: 'このカードはご利用いただけません' }).waitFor();
    kiosk.world.controls.removeCard();
    await page.getByRole('heading', { name: 'マイナンバーカードをカードリーダーに置いてください' }).waitFor();
  });
});
