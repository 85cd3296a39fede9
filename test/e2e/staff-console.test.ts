// The staff console at the desk, in a second real Chromium, against the kiosk's own services on
// the simulated world: log-in, today's list, a look-up, a batch of 20 reservations, a consented
// patient's medication and a non-consented patient's refusal, log-out; requests without a session
// or with a forged CSRF token refused; idle log-out, on the page and on the host.
import { existsSync } from 'node:fs';
import { get } from 'node:http';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDate, SIMULATED_WORLD_START } from '../../electron/clock';
import { catalogue } from '../../electron/errors/catalogue';
import { DEFAULT_CHROMIUM } from '../../electron/hosts/chromium-window';
import { startTestKiosk, type TestKiosk } from './harness';

const IDLE_MS = 4_000;
let kiosk: TestKiosk;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  kiosk = await startTestKiosk({ config: { staffConsole: { port: 0, idleTimeoutMs: IDLE_MS } } });
  origin = kiosk.staffConsole.host!.origin;
  await kiosk.staffConsole.staff.accounts.add({ name: 'hanako', role: 'staff', passcode: '482913' });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM,
    headless: true,
    args: [
      '--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await kiosk?.close();
});

/** A patient confirms at the kiosk with the PIN; `consentAll` false answers 同意しない to everything. */
async function patientVisit(person: string, pin: string, consentAll: boolean): Promise<void> {
  const page = kiosk.window.page();
  await page.getByRole('heading', { name: 'マイナンバーカードをカードリーダーに置いてください' }).waitFor();
  kiosk.world.controls.insertCard(person);
  await page.getByRole('button', { name: /暗証番号/ }).click();
  await page.getByRole('heading', { name: '暗証番号（数字4桁）を入力してください' }).waitFor();
  kiosk.world.controls.pinPad.typePin(pin);
  await page.getByRole('heading', { name: '情報の提供に同意しますか' }).waitFor();
  if (consentAll) await page.getByRole('button', { name: 'すべてに同意する' }).click();
  else {
    for (const radio of await page.getByRole('radio', { name: '同意しない' }).all()) await radio.click();
    await page.getByRole('button', { name: '確定する' }).click();
  }
  await page.getByRole('heading', { name: '受付が完了しました' }).waitFor();
  kiosk.world.controls.removeCard();
  await page.getByRole('heading', { name: 'マイナンバーカードをカードリーダーに置いてください' }).waitFor();
}

/**
 * A patient whose identity staff check by sight: card in, 職員を呼ぶ at the method choice, then
 * `startVisualCheck` (the kiosk's own staff control, or the console's button), the passcode on the
 * kiosk's screen, no 照合番号B (the printed card compared), 本人と確認した, and the patient's own
 * consent. Ends with the card removed.
 */
async function visitCheckedByStaff(person: string, startVisualCheck: () => Promise<void>): Promise<void> {
  const page = kiosk.window.page();
  await page.getByRole('heading', { name: 'マイナンバーカードをカードリーダーに置いてください' }).waitFor();
  kiosk.world.controls.insertCard(person);
  await page.getByRole('heading', { name: '本人確認の方法を選んでください' }).waitFor({ timeout: 30_000 });
  await page
    .getByRole('button', { name: /職員を呼ぶ/ })
    .first()
    .click();
  await page.getByRole('button', { name: '職員操作：目視確認' }).waitFor();
  await startVisualCheck();
  await page.getByRole('heading', { name: '職員ログイン（目視確認）' }).waitFor();
  await page.getByLabel('職員名').selectOption('hanako');
  await page.getByLabel('パスコード').fill('482913');
  await page.getByRole('button', { name: 'ログイン' }).click();
  // The card face was not read in this session: staff could type 照合番号B; they go on without it.
  await page.getByRole('heading', { name: '照合番号Bの入力（hanako）' }).waitFor({ timeout: 20_000 });
  await page.getByRole('button', { name: '入力せずに目視確認へ' }).click();
  await page.getByRole('heading', { name: '目視確認（hanako）' }).waitFor();
  await page.getByRole('button', { name: '本人と確認した' }).click();
  await page.getByRole('heading', { name: '情報の提供に同意しますか' }).waitFor();
  await page.getByRole('button', { name: 'すべてに同意する' }).click();
  await page.getByRole('heading', { name: '受付が完了しました' }).waitFor({ timeout: 30_000 });
  kiosk.world.controls.removeCard();
  await page.getByRole('heading', { name: 'マイナンバーカードをカードリーダーに置いてください' }).waitFor();
}

async function logIn(page: Page, name = 'hanako', passcode = '482913'): Promise<void> {
  await page.goto(origin);
  await page.getByLabel('職員名').fill(name);
  await page.getByLabel('パスコード').fill(passcode);
  await page.getByRole('button', { name: 'ログイン' }).click();
}

function auditActions(): string[] {
  return kiosk.staffConsole.staff.audit.all().map((row) => `${row.action}:${row.outcome}`);
}

/** Calls the console API from the page itself (its own origin and cookie), with a chosen token. */
function invokeFromPage(page: Page, channel: string, csrfToken: string) {
  return page.evaluate(
    async ({ channel, csrfToken }) => {
      const response = await fetch(`/staff/api/invoke/${channel}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'x-csrf-token': csrfToken },
        body: '{}',
      });
      return {
        status: response.status,
        body: (await response.json()) as { ok: boolean; error?: { code: string } },
      };
    },
    { channel, csrfToken },
  );
}

function reservationsCsv(): string {
  // Nine persons of the simulator's fixture, twice each, and two rows that cannot be read.
  // The next day of the simulated world the kiosk runs on.
  const day = localDate(Date.parse(SIMULATED_WORLD_START) + 86_400_000);
  const persons = [
    '01130012,1020304,12,00,1984-04-30',
    '06130488,5,1234,02,1990-02-11',
    '138222,千代田,0012345,01,1975-08-15',
    '01130012,2030405,7,00,1968-11-03',
    '138222,浦和,0098765,01,1955-06-20',
    '01130012,6070809,55,00,2001-01-01',
    '39130018,,71000,,1940-01-10',
    '01130012,9999999,99,00,1999-09-09',
    '01130012,1020304,12,01,2022-05-05',
  ];
  const rows = [...persons, ...persons].map(
    (person, i) => `R-${String(i + 1).padStart(3, '0')},${day},${person}`,
  );
  rows.push(`R-019,${day},06130487,5,1234,02,1990-02-11`); // wrong check digit
  rows.push(`R-020,${day}-31,0113001,"12,34",1 2,0,1990-02-30`); // nothing right
  return ['reservation_id,date,insurer_number,symbol,number,branch,birth_date', ...rows].join('\n');
}

describe('the staff console', () => {
  it('shows today’s confirmations, medication only for a consenting patient, a look-up and a batch', async () => {
    await patientVisit('yamada-taro', '1234', true);
    await patientVisit('sato-hanako', '5678', false);

    const page = await (await browser.newContext()).newPage();
    await page.goto(origin);
    // The session cookie is the host's to read: nothing in storage, no cookie visible to script.
    await logIn(page);
    await page.getByRole('heading', { name: '本日の受付' }).waitFor();
    expect(await page.evaluate(() => document.cookie)).toBe('');
    const cookie = (await page.context().cookies()).find((c) => c.name === '__Host-uketsuke-staff');
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: 'Strict' });

    // Newest first: sato-hanako's visit above yamada-taro's.
    const rows = page.getByRole('table', { name: '本日の受付' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    expect(await rows.nth(0).innerText()).toContain('佐藤');
    expect(await rows.nth(1).innerText()).toContain('山田');
    expect(await rows.nth(1).innerText()).toContain('有効');

    await rows.nth(1).getByRole('button', { name: '薬剤情報' }).click();
    await page.getByRole('region', { name: '薬剤情報' }).getByText('アムロジピン錠5mg').waitFor();
    await page.getByRole('button', { name: '閉じる' }).click();
    await rows.nth(0).getByRole('button', { name: '薬剤情報' }).click();
    const refusal = page.getByRole('region', { name: '薬剤情報' }).getByRole('alert');
    await expect.poll(() => refusal.innerText()).toMatch(/閲覧できません/);
    expect(await page.getByRole('region', { name: '薬剤情報' }).innerText()).not.toContain('アムロジピン');

    await page.getByRole('button', { name: '個別照会' }).click();
    await page.getByLabel('保険者番号').fill('06130488');
    await page.getByLabel('記号').fill('5');
    await page.getByLabel('番号', { exact: true }).fill('1234');
    await page.getByLabel('枝番').fill('02');
    await page.getByLabel('生年月日（YYYY-MM-DD）').fill('1990-02-11');
    await page.getByRole('button', { name: '照会する' }).click();
    await page.getByRole('heading', { name: '照会結果: 有効' }).waitFor();
    await page.getByLabel('保険者番号').fill('06130489');
    await page.getByRole('button', { name: '照会する' }).click();
    await page.locator('.field-problem').first().waitFor();

    await page.getByRole('button', { name: '一括照会' }).click();
    await page.getByLabel('予約一覧を選ぶ').setInputFiles({
      name: 'reservations.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(reservationsCsv(), 'utf8'),
    });
    await page
      .getByRole('status')
      .filter({ hasText: '照会が終わりました: 18 / 18 件' })
      .waitFor({ timeout: 60_000 });
    expect(await page.getByRole('table', { name: '読めなかった行' }).locator('tbody tr').count()).toBe(2);
    const results = page.getByRole('table', { name: '照会結果' }).locator('tbody tr');
    expect(await results.count()).toBe(18);
    expect(await results.nth(0).innerText()).toContain('有効');

    // The answers are in the kiosk's own database, where the patient's visit tomorrow finds them.
    const db = new Database(join(kiosk.dataDir, 'eligibility', 'eligibility.db'), { readonly: true });
    const cached = db.prepare("SELECT count(*) AS n FROM answers WHERE kind = 'insurance'").get() as {
      n: number;
    };
    db.close();
    expect(cached.n).toBeGreaterThanOrEqual(9);

    await page.getByRole('button', { name: '端末の状態' }).click();
    await page.getByText('送信待ち').first().waitFor();

    await page.getByRole('button', { name: 'ログアウト' }).click();
    await page.getByRole('heading', { name: '職員ログイン' }).waitFor();
    expect(await invokeFromPage(page, 'staff:eligibility:confirmations', 'x')).toMatchObject({ status: 401 });

    expect(auditActions()).toEqual(
      expect.arrayContaining([
        'staff.login:ok',
        'eligibility.confirmations-view:ok',
        'eligibility.medication-view:ok',
        'eligibility.medication-view:refused',
        'eligibility.lookup:ok',
        'eligibility.lookup:refused',
        'eligibility.batch-run:ok',
        'staff.logout:ok',
      ]),
    );
    // The audit log names records by reference only: no patient's name or numbers in it.
    const audit = JSON.stringify(kiosk.staffConsole.staff.audit.all());
    for (const personal of ['山田', '佐藤', '06130488', '1990-02-11', '482913'])
      expect(audit).not.toContain(personal);
  });

  it('marks a confirmation staff checked by sight with 目視確認, beside the other warnings', async () => {
    const kioskPage = kiosk.window.page();
    await visitCheckedByStaff('suzuki-ichiro', () =>
      kioskPage.getByRole('button', { name: '職員操作：目視確認' }).click(),
    );
    const page = await (await browser.newContext()).newPage();
    await logIn(page);
    const rows = page.getByRole('table', { name: '本日の受付' }).locator('tbody tr');
    const checked = rows.filter({ hasText: '鈴木' });
    await checked.waitFor();
    expect(await checked.locator('.warning').allInnerTexts()).toEqual(['目視確認']);
    // The patients who proved it themselves (PIN) carry no such warning.
    for (const name of ['山田', '佐藤'])
      expect(await rows.filter({ hasText: name }).locator('.warning').allInnerTexts()).not.toContain(
        '目視確認',
      );
    await page.context().close();
  });

  it('looks up medication in a declared disaster, and shows the service’s refusal outside one', async () => {
    const page = await (await browser.newContext()).newPage();
    await logIn(page);
    await page.getByRole('button', { name: '災害時閲覧' }).click();
    await page.getByLabel('氏名').fill('山田　太郎');
    await page.getByLabel('生年月日（YYYY-MM-DD）').fill('1984-04-30');
    await page.getByLabel('性別').selectOption('male');
    await page.getByLabel('住所').fill('東京都千代田区霞が関一丁目２番３号');
    const lookUp = () => page.getByRole('button', { name: '災害時照会する' }).click();
    await lookUp();
    await page.getByRole('alert').filter({ hasText: 'only answered during a declared disaster' }).waitFor();
    expect(await page.getByRole('region', { name: '災害時照会の結果' }).count()).toBe(0);

    // The service declares the disaster (the kiosk cannot): the same form is now answered.
    kiosk.world.controls.eligibility.setDisaster(true);
    try {
      await lookUp();
      const result = page.getByRole('region', { name: '災害時照会の結果' });
      await result.getByText('アムロジピン錠5mg').waitFor();
      expect(await result.getByRole('heading', { name: '該当 1 件' }).count()).toBe(1);
      expect(await page.getByRole('alert').count()).toBe(0);
    } finally {
      kiosk.world.controls.eligibility.setDisaster(false);
    }

    const rows = kiosk.staffConsole.staff.audit
      .all()
      .filter((row) => row.action === 'eligibility.disaster-medication-view');
    expect(rows.map((row) => [row.actor, row.outcome, JSON.parse(row.detail ?? '{}')])).toEqual([
      ['hanako', 'refused', { code: 'eligibility.not-in-disaster' }],
      ['hanako', 'ok', { matches: 1 }],
    ]);
    // What staff typed (name, birth date, address) is not in the audit log.
    for (const personal of ['山田', '1984-04-30', '霞が関'])
      expect(JSON.stringify(rows)).not.toContain(personal);
    await page.context().close();
  });

  it('puts the kiosk’s current patient into the visual check from the console, and only then', async () => {
    const kioskPage = kiosk.window.page();
    const page = await (await browser.newContext()).newPage();
    const button = page.getByRole('button', { name: 'この患者を目視確認にする' });
    // The console logs out after IDLE_MS without a request: it logs in again where the kiosk was busy.
    const openKioskState = async () => {
      await logIn(page);
      await page.getByRole('button', { name: '端末の状態' }).click();
      await button.waitFor();
    };
    // Nobody at the kiosk: nothing to start.
    await openKioskState();
    expect(await button.isDisabled()).toBe(true);
    const before = kiosk.staffConsole.staff.audit.all().length;

    await visitCheckedByStaff('yoshida-hitomi', async () => {
      await openKioskState();
      await expect.poll(() => button.isEnabled()).toBe(true);
      // The patient steps back to the method choice before staff press: the kiosk refuses.
      await kioskPage.getByRole('button', { name: '戻る' }).click();
      await kioskPage.getByRole('heading', { name: '本人確認の方法を選んでください' }).waitFor();
      await button.click();
      await page.getByRole('alert').filter({ hasText: 'only while a patient' }).waitFor();
      expect(await kioskPage.getByRole('heading', { name: '職員ログイン（目視確認）' }).count()).toBe(0);
      // The patient calls staff again; the console, reloaded, starts the check on the kiosk.
      await kioskPage
        .getByRole('button', { name: /職員を呼ぶ/ })
        .first()
        .click();
      await kioskPage.getByRole('button', { name: '職員操作：目視確認' }).waitFor();
      await page.getByRole('button', { name: '更新' }).click();
      await expect.poll(() => button.isEnabled()).toBe(true);
      await button.click();
      await page.getByRole('status').filter({ hasText: '端末に職員ログインを表示しました' }).waitFor();
    });
    expect(kiosk.world.controls.eligibility.confirmationMethods()).toContain('staff-visual');

    // Who pressed the console's button, then who signed in and confirmed at the kiosk.
    const rows = kiosk.staffConsole.staff.audit.all().slice(before);
    expect(
      rows
        .filter((row) => row.action.startsWith('visual-check.'))
        .map((row) => `${row.actor}:${row.action}:${row.outcome}`),
    ).toEqual([
      'hanako:visual-check.console-request:refused',
      'hanako:visual-check.console-request:ok',
      'hanako:visual-check.start:ok',
      'hanako:visual-check.confirm:ok',
    ]);

    // The next patient is on self-service, and the console has nothing to start for them yet.
    kiosk.world.controls.insertCard('sato-hanako');
    await kioskPage
      .getByRole('heading', { name: '本人確認の方法を選んでください' })
      .waitFor({ timeout: 30_000 });
    expect(await kioskPage.getByRole('heading', { name: /目視確認/ }).count()).toBe(0);
    await openKioskState();
    expect(await button.isDisabled()).toBe(true);
    kiosk.world.controls.removeCard();
    await kioskPage
      .getByRole('heading', { name: 'マイナンバーカードをカードリーダーに置いてください' })
      .waitFor();
    await page.context().close();
  });

  it('端末の状態 shows the terminal health check (reader, cameras, service), each view audited', async () => {
    const page = await (await browser.newContext()).newPage();
    const before = kiosk.staffConsole.staff.audit.all().length;
    await logIn(page);
    await page.getByRole('button', { name: '端末の状態' }).click();
    await page.locator('dd.cameras').waitFor();
    expect(await page.locator('dd.readers').textContent()).toMatch(/^接続あり/);
    expect(await page.locator('dd.cameras').textContent()).toBe('接続あり');
    expect(await page.locator('dd.service').textContent()).toMatch(/^(正常|送信待ちあり)$/);
    expect(await page.locator('dd.faults').count()).toBe(0);

    // The cameras unplugged and the network down: the same probes as the out-of-service screen.
    kiosk.world.controls.setFaults({ camerasDetached: true, serviceUnreachable: true });
    try {
      await page.getByRole('button', { name: '更新' }).click();
      await page.locator('dd.faults').waitFor({ timeout: 20_000 });
      expect(await page.locator('dd.cameras').textContent()).toBe('接続なし');
      expect(await page.locator('dd.service').textContent()).toBe('応答なし');
      expect(await page.locator('dd.faults li').allInnerTexts()).toEqual([
        catalogue['health.camera-missing'].staff,
        catalogue['health.service-unreachable'].staff,
      ]);
    } finally {
      kiosk.world.controls.setFaults({ camerasDetached: false, serviceUnreachable: false });
    }
    await page.getByRole('button', { name: '更新' }).click();
    await page.locator('dd.faults').waitFor({ state: 'detached', timeout: 20_000 });
    expect(await page.locator('dd.cameras').textContent()).toBe('接続あり');

    const views = kiosk.staffConsole.staff.audit
      .all()
      .slice(before)
      .filter((row) => row.action === 'kiosk.state-view');
    expect(views.every((row) => row.actor === 'hanako' && row.outcome === 'ok')).toBe(true);
    // Each view with what it found (the page may load once more as it opens): healthy, down, healthy.
    const found = views.map((row) => (JSON.parse(row.detail ?? '{}') as { faults: number }).faults);
    expect(found.filter((faults, k) => k === 0 || faults !== found[k - 1])).toEqual([0, 2, 0]);
    await page.context().close();
  });

  it('refuses requests without a session, from another origin, or with a forged CSRF token', async () => {
    const bare = await fetch(`${origin}/staff/api/invoke/staff:eligibility:confirmations`, {
      method: 'POST',
      headers: { Origin: origin, 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(bare.status).toBe(401);
    const foreign = await fetch(`${origin}/staff/api/login`, {
      method: 'POST',
      headers: { Origin: 'http://evil.example', 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'hanako', passcode: '482913' }),
    });
    expect(foreign.status).toBe(403);

    const page = await (await browser.newContext()).newPage();
    await logIn(page);
    await page.getByRole('heading', { name: '本日の受付' }).waitFor();
    expect(await invokeFromPage(page, 'staff:eligibility:confirmations', 'forged-token')).toMatchObject({
      status: 403,
      body: { ok: false, error: { code: 'staff.csrf' } },
    });
    expect(await invokeFromPage(page, 'staff:eligibility:confirmations', '')).toMatchObject({ status: 403 });
    await page.context().close();
  });

  it('locks an account after three wrong passcodes', async () => {
    await kiosk.staffConsole.staff.accounts.add({ name: 'taro', role: 'staff', passcode: '135790' });
    const page = await (await browser.newContext()).newPage();
    for (const guess of ['000001', '000002']) {
      await logIn(page, 'taro', guess);
      await page.getByRole('alert').filter({ hasText: 'name or passcode is wrong' }).waitFor();
    }
    await logIn(page, 'taro', '000003');
    await page.getByRole('alert').filter({ hasText: 'locked' }).waitFor();
    await logIn(page, 'taro', '135790');
    await page.getByRole('alert').filter({ hasText: 'locked' }).waitFor();
    expect(await page.getByRole('heading', { name: '本日の受付' }).count()).toBe(0);
    await page.context().close();
  });

  it('logs a console left idle out, on the page and on the host', async () => {
    const page = await (await browser.newContext()).newPage();
    await logIn(page);
    await page.getByRole('heading', { name: '本日の受付' }).waitFor();
    await page
      .getByRole('status')
      .filter({ hasText: '一定時間操作がなかったため' })
      .waitFor({ timeout: IDLE_MS * 4 });
    await page.getByRole('heading', { name: '職員ログイン' }).waitFor();

    // A session whose page does nothing (no page timer to log it out) expires on the host too.
    const login = await fetch(`${origin}/staff/api/login`, {
      method: 'POST',
      headers: { Origin: origin, 'Content-Type': 'application/json' },
      body: JSON.stringify({ name: 'hanako', passcode: '482913' }),
    });
    const setCookie = login.headers.get('set-cookie')!;
    const { value } = (await login.json()) as { value: { csrfToken: string } };
    const call = () =>
      fetch(`${origin}/staff/api/invoke/staff:session`, {
        method: 'POST',
        headers: {
          Origin: origin,
          'Content-Type': 'application/json',
          Cookie: setCookie.split(';')[0]!,
          'x-csrf-token': value.csrfToken,
        },
        body: '{}',
      });
    expect((await call()).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, IDLE_MS + 1_000));
    expect((await call()).status).toBe(401);
    expect(auditActions()).toContain('staff.idle-logout:ok');
    await page.context().close();
  });
});

it('serves only the staff page and its assets', async () => {
  expect(existsSync(join(kiosk.dataDir, 'eligibility', 'staff.db'))).toBe(true);
  expect((await fetch(`${origin}/index.html`)).status).toBe(404);
  expect((await fetch(`${origin}/`)).status).toBe(200);
  // A rebinding page would arrive under its own name: refused (fetch cannot set Host; http can).
  const status = await new Promise<number | undefined>((resolve, reject) => {
    get(`${origin}/`, { headers: { Host: 'evil.example' } }, (response) => {
      response.resume();
      resolve(response.statusCode);
    }).on('error', reject);
  });
  expect(status).toBe(421);
});
