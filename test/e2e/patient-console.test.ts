// A newcomer finishes a visit from the start console, without a display: the console shows the
// screen, taps on the real page, answers consent and injects a service fault. Also: the page's
// lang follows its text, and a patient's language and display settings reset with the session.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runPatientCommand } from '../../scripts/patient-console';
import { runSimulatorCommand } from '../../scripts/sim-console';
import { startTestKiosk, type TestKiosk } from './harness';

let kiosk: TestKiosk;

beforeAll(async () => {
  kiosk = await startTestKiosk();
});

afterAll(async () => {
  await kiosk?.close();
});

const run = (line: string) =>
  runPatientCommand(kiosk.window.page(), kiosk.world.controls.eligibility.faults, line);

async function screenShows(text: string): Promise<string> {
  let shown = '';
  await expect.poll(async () => (shown = (await run('screen')) ?? '')).toContain(text);
  return shown;
}

describe('the start console', () => {
  it('lets a newcomer finish a visit: screen, tap, PIN, consent answers', async () => {
    expect(await screenShows('[idle]')).toContain('マイナンバーカードをカードリーダーに置いてください');
    runSimulatorCommand(kiosk.world.controls, 'insert yamada-taro');
    const choose = await screenShows('[choose-method]');
    expect(choose).toMatch(/\d\) 暗証番号/);
    // 職員を呼ぶ is a big choice here, so the footer does not repeat it.
    expect(choose.match(/職員を呼ぶ/g)).toHaveLength(1);
    expect(await run('tap 暗証番号')).toContain('tapped');
    await screenShows('[pin-entry]');
    runSimulatorCommand(kiosk.world.controls, 'pin 1234');
    const consent = await screenShows('[consent]');
    expect(consent).toContain('確定する (disabled)');
    expect(await run('consent y n y n')).toContain('confirmed');
    await screenShows('受付が完了しました');
    runSimulatorCommand(kiosk.world.controls, 'remove');
    await screenShows('[idle]');
  });

  it('injects a service fault from the console', async () => {
    expect(await run('fault status 2')).toContain('next 2 request');
    expect(await run('fault nonsense')).toContain('fault takes');
    expect(await run('fault clear')).toBe('faults cleared');
  });

  it('sets lang to the language shown, and resets language and display settings with the session', async () => {
    const page = kiosk.window.page();
    await screenShows('[idle]');
    runSimulatorCommand(kiosk.world.controls, 'insert yamada-taro');
    await screenShows('[choose-method]');
    await run('tap नेपाली');
    await screenShows('तपाईं नै हो भनी कसरी पुष्टि गर्न चाहनुहुन्छ?');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ne');
    await run('tap ठूलो अक्षर');
    await expect.poll(() => page.locator('.kiosk.large-text').count()).toBe(1);
    runSimulatorCommand(kiosk.world.controls, 'remove');
    await screenShows('マイナンバーカードをカードリーダーに置いてください');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('ja');
    expect(await page.locator('.kiosk.large-text').count()).toBe(0);
  });
});
