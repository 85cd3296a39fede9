// The patient's other paths in a real browser on the simulated world, one kiosk for the file: a
// card without a PIN and a locked PIN (the PIN choice missing, with the reason), consent answered
// item by item, a card pulled mid-flow, the service down (queued, and not queued), and an invalid
// eligibility. Each checks what the screen shows and what was recorded: the outbox in the real
// SQLite file, the clinic's face/ folder, the virtual card's APDU log and what the service received.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualMyNumberCard } from '../../sim/card/virtual-card';
import { startTestKiosk, type TestKiosk } from './harness';
import { CHOOSE_METHOD, IDLE, faceFiles, outboxRows, verifies } from './records';

let kiosk: TestKiosk;

const CONSENT = '情報の提供に同意しますか';
const PIN_ENTRY = '暗証番号（数字4桁）を入力してください';

beforeAll(async () => {
  // Short back-offs: the down service is given up on in well under a second.
  kiosk = await startTestKiosk({
    config: { eligibility: { retries: { maxAttempts: 3, baseDelayMs: 50, maxDelayMs: 200 } } },
  });
});

afterAll(async () => {
  await kiosk?.close();
});

/** Everything a visit could have left behind, to compare before and after. */
function recorded() {
  return {
    outbox: outboxRows(kiosk).length,
    faceFiles: faceFiles(kiosk).length,
    received: kiosk.world.controls.eligibility.confirmationMethods().length,
  };
}

async function placeCard(person: string): Promise<VirtualMyNumberCard> {
  const page = kiosk.window.page();
  await page.getByRole('heading', { name: IDLE }).waitFor();
  const card = kiosk.world.controls.insertCard(person);
  await page.getByRole('heading', { name: CHOOSE_METHOD }).waitFor({ timeout: 30_000 });
  return card;
}

async function verifyByPin(pin: string): Promise<void> {
  const page = kiosk.window.page();
  await page.getByRole('button', { name: /暗証番号/ }).click();
  await page.getByRole('heading', { name: PIN_ENTRY }).waitFor();
  kiosk.world.controls.pinPad.typePin(pin);
}

/** やめる with the card still on the reader: asked to take it, then back to idle once taken. */
async function cancelAndTakeCard(): Promise<void> {
  const page = kiosk.window.page();
  await page.getByRole('button', { name: 'やめる' }).click();
  await page.getByRole('heading', { name: 'カードをお取りください。' }).waitFor();
  kiosk.world.controls.removeCard();
  await page.getByRole('heading', { name: IDLE }).waitFor();
}

describe('cards that cannot use the PIN', () => {
  it('a card without a PIN: no PIN choice, and the reason is shown', async () => {
    const page = kiosk.window.page();
    const before = recorded();
    const card = await placeCard('suzuki-ichiro');
    expect(await page.getByRole('button', { name: /暗証番号/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /顔認証/ }).count()).toBe(1);
    await expect(page.locator('[data-unavailable="pin"]').textContent()).resolves.toBe(
      'このカードには暗証番号が設定されていないため、暗証番号では確認できません。',
    );
    expect(verifies(card)).toHaveLength(0);
    await cancelAndTakeCard();
    expect(recorded()).toEqual(before);
  });

  it('a locked PIN: no PIN choice, the reason is shown, and no try is spent', async () => {
    const page = kiosk.window.page();
    const before = recorded();
    const card = await placeCard('takahashi-ken');
    expect(await page.getByRole('button', { name: /暗証番号/ }).count()).toBe(0);
    await expect(page.locator('[data-unavailable="pin"]').textContent()).resolves.toContain(
      '暗証番号がロックされています。',
    );
    // The lock was read with an empty VERIFY (the retry counter); nothing was tried.
    expect(verifies(card)).toHaveLength(0);
    await cancelAndTakeCard();
    expect(recorded()).toEqual(before);
  });
});

describe('consent', () => {
  it('records each answer as the patient chose it', async () => {
    const page = kiosk.window.page();
    const before = recorded();
    const card = await placeCard('yamada-taro');
    await verifyByPin('1234');
    await page.getByRole('heading', { name: CONSENT }).waitFor({ timeout: 30_000 });
    const submit = page.getByRole('button', { name: '確定する' });
    const chosen = { medication: true, healthCheck: false, treatment: true, surgery: false };
    for (const [item, yes] of Object.entries(chosen)) {
      expect(await submit.isDisabled()).toBe(true); // every item must be answered first
      await page
        .locator(`[data-item="${item}"]`)
        .getByRole('radio', { name: yes ? '同意する' : '同意しない', exact: true })
        .click();
    }
    await submit.click();
    await page.getByRole('heading', { name: '受付が完了しました' }).waitFor({ timeout: 30_000 });
    expect(verifies(card)).toHaveLength(1);

    // In the kiosk's database: one more confirmation, delivered, with the answers as chosen.
    const rows = outboxRows(kiosk);
    expect(rows).toHaveLength(before.outbox + 1);
    expect(rows.at(-1)).toMatchObject({ delivered: true, method: 'pin', outcome: 'valid' });
    const stored = kiosk.world.services.eligibility.confirmation(rows.at(-1)!.id);
    expect(stored?.outcome?.consent).toEqual(chosen);
    // In the clinic's file: 薬剤情報 and 診療情報 given, 特定健診 and 手術情報 not.
    await expect.poll(() => faceFiles(kiosk).length).toBe(before.faceFiles + 1);
    const xml = faceFiles(kiosk).find((file) => file.includes('山田'))!;
    expect(xml).toMatch(/<PharmacistsInfoConsFlg>1</);
    expect(xml).toMatch(/<SpecificHealthCheckupsInfoConsFlg>0</);
    expect(xml).toMatch(/<DiagnosisInfoConsFlg>1</);
    expect(xml).toMatch(/<OperationInfoConsFlg>0</);

    kiosk.world.controls.removeCard();
    await page.getByRole('heading', { name: IDLE }).waitFor();
  });
});

describe('a card pulled mid-flow', () => {
  it('after the PIN, on the consent screen: a word on the idle screen, and nothing recorded', async () => {
    const page = kiosk.window.page();
    const before = recorded();
    const card = await placeCard('sato-hanako');
    await verifyByPin('5678');
    await page.getByRole('heading', { name: CONSENT }).waitFor({ timeout: 30_000 });
    kiosk.world.controls.removeCard();
    await page.getByRole('heading', { name: IDLE }).waitFor();
    await page
      .getByText('カードが外されたため、受付を中止しました。もう一度カードを置いてください。')
      .waitFor();
    await kiosk.kiosk.reception.settled();
    expect(verifies(card)).toHaveLength(1);
    expect(recorded()).toEqual(before);

    // The next card clears the word.
    await placeCard('yamada-taro');
    expect(await page.getByText('カードが外されたため').count()).toBe(0);
    kiosk.world.controls.removeCard();
    await page.getByRole('heading', { name: IDLE }).waitFor();
  });
});

describe('the eligibility service down', () => {
  it('queued: the patient is told it is recorded and will be confirmed, and the outbox holds it', async () => {
    const page = kiosk.window.page();
    const before = recorded();
    await placeCard('yamada-taro');
    await verifyByPin('1234');
    await page.getByRole('heading', { name: CONSENT }).waitFor({ timeout: 30_000 });
    // The challenge was answered; now the confirmation cannot get through.
    kiosk.world.controls.eligibility.faults.inject({
      kind: 'status',
      status: 503,
      times: 50,
      operation: 'confirmByCard',
    });
    await page.getByRole('button', { name: 'すべてに同意する' }).click();
    await page.getByRole('heading', { name: '受付を記録しました' }).waitFor({ timeout: 30_000 });
    await page.getByText('資格確認は回線の回復後に自動で行います').waitFor();
    expect(await page.getByText('職員をお呼びしました').count()).toBe(0);

    const rows = outboxRows(kiosk);
    expect(rows).toHaveLength(before.outbox + 1);
    const queued = rows.at(-1)!;
    expect(queued.delivered).toBe(false);
    expect(queued.attempts).toBeGreaterThan(0);
    expect(kiosk.world.controls.eligibility.confirmationMethods()).toHaveLength(before.received);

    // The line back: the queued confirmation goes out and is delivered once.
    kiosk.world.controls.eligibility.faults.clear();
    expect(await kiosk.world.services.eligibility.flushOutbox({ force: true })).toEqual({
      delivered: 1,
      stillQueued: 0,
    });
    expect(outboxRows(kiosk).at(-1)).toMatchObject({ id: queued.id, delivered: true, outcome: 'valid' });

    kiosk.world.controls.removeCard();
    await page.getByRole('heading', { name: IDLE }).waitFor();
  });

  it('not queued: the patient is told it is not done, and the outbox is unchanged', async () => {
    const page = kiosk.window.page();
    const before = recorded();
    const card = await placeCard('sato-hanako');
    kiosk.world.controls.setFaults({ serviceUnreachable: true });
    try {
      await verifyByPin('5678');
      // The PIN was right, but the challenge to sign could not be fetched: nothing to queue.
      await page
        .getByRole('heading', {
          name: '受付は完了していません。資格確認ができませんでした。カードをお取りになり、受付の窓口へお越しください。',
        })
        .waitFor({ timeout: 30_000 });
      expect(await page.getByText('受付は完了しました').count()).toBe(0);
      expect(verifies(card)).toHaveLength(1);
      expect(recorded()).toEqual(before);
    } finally {
      kiosk.world.controls.setFaults({ serviceUnreachable: false });
    }
    kiosk.world.controls.removeCard();
    await page.getByRole('heading', { name: IDLE }).waitFor();
  });
});

describe('an invalid eligibility', () => {
  it('tells the patient what to show or fill in at the desk, and records the answer', async () => {
    const page = kiosk.window.page();
    const before = recorded();
    await placeCard('tanaka-michiko');
    await verifyByPin('1357');
    await page.getByRole('heading', { name: CONSENT }).waitFor({ timeout: 30_000 });
    await page.getByRole('button', { name: 'すべてに同意する' }).click();
    await page.getByRole('heading', { name: '職員をお呼びしました' }).waitFor({ timeout: 30_000 });
    const reason = await page.locator('[role="alert"]').allTextContents();
    const text = reason.join('\n');
    expect(text).toContain('保険の資格が確認できませんでした');
    expect(text).toContain('資格情報のお知らせ');
    expect(text).toContain('マイナポータル');
    expect(text).toContain('被保険者資格申立書');
    expect(await page.getByText('受付が完了しました').count()).toBe(0);

    const rows = outboxRows(kiosk);
    expect(rows).toHaveLength(before.outbox + 1);
    expect(rows.at(-1)).toMatchObject({ delivered: true, method: 'pin', outcome: 'invalid-newer-record' });

    kiosk.world.controls.removeCard();
    await page.getByRole('heading', { name: IDLE }).waitFor();
  });
});
