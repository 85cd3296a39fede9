// The smartphone マイナ保険証 in a real browser, on the real PC/SC stack: the kiosk's reader and the
// general-purpose phone reader beside it are vpcd's two slots in the real pcscd; the phones are the
// virtual card's Android and iPhone tokens, run as vpcd processes whose APDU log the test reads
// (VERIFY headers and lengths only, never the digits). The eligibility simulator answers ito-android
// 処理中 (queued) and ito-iphone 該当資格なし (its phone certificate was never registered).
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PcscliteReaders } from '../../electron/card/pcsclite-readers';
import { createLogger, memorySink } from '../../electron/log/logger';
import { defaultSimWorldPaths } from '../../sim/card/card-image';
import { startPcscd, startSimCard, type PcscdHandle, type SimCardProcess } from '../integration/pcscd';
import { startTestKiosk, type TestKiosk } from './harness';

const KIOSK_READER = 'Virtual PCD 00 00';
const PHONE_READER = 'Virtual PCD 00 01';
const PHONE_READER_PORT = '35964'; // vpcd's second slot
const persons = defaultSimWorldPaths().personsDir;

let pcscd: PcscdHandle;
let kiosk: TestKiosk;
let phone: SimCardProcess | undefined;

beforeAll(async () => {
  pcscd = await startPcscd();
  kiosk = await startTestKiosk({
    config: {
      card: { readerNamePattern: `^${KIOSK_READER}$`, phoneReaderNamePattern: `^${PHONE_READER}$` },
    },
    readers: new PcscliteReaders({ logger: createLogger(memorySink()) }),
  });
}, 120_000);

afterEach(async () => {
  await phone?.stop();
  phone = undefined;
});

afterAll(async () => {
  await kiosk?.close();
  await pcscd?.stop();
});

/** The phone held to the phone reader: a vpcd card on the second slot. */
const holdPhone = (person: string) =>
  startSimCard(['--person', path.join(persons, `${person}.json`), '--port', PHONE_READER_PORT], pcscd.netns);

/** VERIFYs that carried a secret (`+0` is the empty VERIFY that only reads the counter). */
const verifiesWithData = (lines: readonly string[]) =>
  lines.filter((line) => /^apdu 0020[0-9A-F]{4} \+\d+ /.test(line) && !/ \+0 /.test(line));

describe('a smartphone マイナ保険証 at the kiosk', () => {
  it('Android: held to the phone reader, its PIN on the keypad sent once, consent, recorded', async () => {
    const page = kiosk.window.page();
    await page.getByRole('heading', { name: 'マイナンバーカードをカードリーダーに置いてください' }).waitFor();
    phone = await holdPhone('ito-android');
    await page.getByRole('heading', { name: '暗証番号（数字4桁）を入力してください' }).waitFor();
    await page.getByText('スマートフォン用電子証明書の暗証番号').waitFor();

    kiosk.world.controls.pinPad.typePin('4321');
    await page.getByRole('heading', { name: '情報の提供に同意しますか' }).waitFor();
    await page.getByRole('button', { name: 'すべてに同意する' }).click();
    // The service answered 処理中: the visit is recorded, and the page says so.
    await page.getByRole('heading', { name: '受付を記録しました' }).waitFor();

    expect(verifiesWithData(phone.lines)).toHaveLength(1);
    expect(phone.lines.some((line) => line.startsWith('apdu 80FC'))).toBe(false);
    expect(await page.content()).not.toContain('4321');
    expect(kiosk.world.controls.eligibility.confirmationMethods()).toContain('pin');

    await phone.stop(); // the phone taken away ends the finished visit
    phone = undefined;
    await page.getByRole('heading', { name: 'マイナンバーカードをカードリーダーに置いてください' }).waitFor();
  });

  it('iPhone: スマートフォン, no VERIFY at all, consent, and the service’s answer on the screen', async () => {
    const page = kiosk.window.page();
    await page.getByRole('button', { name: /スマートフォン/ }).click();
    await page.getByRole('heading', { name: 'スマートフォンを読み取り機にかざしてください' }).waitFor();
    phone = await holdPhone('ito-iphone');
    await page.getByRole('heading', { name: '情報の提供に同意しますか' }).waitFor();
    await page.getByRole('button', { name: 'すべてに同意する' }).click();
    // 該当資格なし: never "done" — the patient is told the record was not found, and staff are called.
    await page.getByText('保険の資格情報が見つかりませんでした').waitFor();
    expect(await page.getByRole('heading', { name: '受付が完了しました' }).count()).toBe(0);

    expect(phone.lines.filter((line) => line.startsWith('apdu 0020'))).toEqual([]);
    expect(phone.lines.some((line) => line.startsWith('apdu 802A'))).toBe(true); // the phone signed
    expect(phone.lines.filter((line) => line.startsWith('apdu 80FC0000'))).toEqual(['apdu 80FC0000 9000']);
    expect(kiosk.world.controls.eligibility.confirmationMethods()).toContain('smartphone');
  });
});
