import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestKiosk, type TestKiosk } from './harness';

let kiosk: TestKiosk;
const JAPANESE_IDLE = 'マイナンバーカードをカードリーダーに置いてください';

beforeAll(async () => {
  kiosk = await startTestKiosk({ config: { recovery: { heartbeatIntervalMs: 250, hangTimeoutMs: 1_500 } } });
});

afterAll(async () => {
  await kiosk?.close();
});

async function waitForNewPage(old: unknown) {
  for (let i = 0; i < 200 && kiosk.window.page() === old; i++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const page = kiosk.window.page();
  expect(page).not.toBe(old);
  await page.getByRole('heading', { name: JAPANESE_IDLE }).waitFor();
  return page;
}

describe('crash and hang recovery on the browser host', () => {
  it('restarts a hung renderer to the Japanese idle screen and logs why', async () => {
    const page = kiosk.window.page();
    await page.getByRole('button', { name: 'English' }).click();
    await page
      .getByRole('heading', { name: 'Please place your My Number card on the card reader' })
      .waitFor();
    // Freeze the page's main thread: heartbeats stop.
    await page.evaluate(() => {
      setTimeout(() => {
        for (;;) {
          /* hang */
        }
      }, 0);
    });
    await waitForNewPage(page);
    expect(kiosk.logLines.join('')).toMatch(/"event":"kiosk.renderer-restart","reason":"renderer-hung"/);
    expect(kiosk.kiosk.reception.view()).toMatchObject({ screen: 'idle', language: 'ja' });
  });

  it('restarts a crashed renderer to idle and logs why', async () => {
    const page = kiosk.window.page();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Page.crash').catch(() => undefined);
    await waitForNewPage(page);
    expect(kiosk.logLines.join('')).toMatch(/"reason":"renderer-crashed"/);
  });
});
