import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RENDERER_DIR, startTestKiosk, type TestKiosk } from './harness';

let kiosk: TestKiosk;

beforeAll(async () => {
  // The built renderer plus one probe script, served from the kiosk's own origin.
  const rendererDir = mkdtempSync(join(tmpdir(), 'uketsuke-renderer-'));
  cpSync(RENDERER_DIR, rendererDir, { recursive: true });
  copyFileSync(join(import.meta.dirname, 'csp-probe.js'), join(rendererDir, 'csp-probe.js'));
  kiosk = await startTestKiosk({ rendererDir });
});

afterAll(async () => {
  await kiosk?.close();
});

describe('the idle screen', () => {
  it('greets the patient in Japanese, then in English after one tap', async () => {
    const page = kiosk.window.page();
    await page.getByRole('heading', { name: 'マイナンバーカードをカードリーダーに置いてください' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ja');

    await page.getByRole('button', { name: 'English' }).click();
    await page
      .getByRole('heading', { name: 'Please place your My Number card on the card reader' })
      .waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed')).toBe('true');
  });

  it('removes the host secret from the address bar', async () => {
    expect(kiosk.window.page().url()).toBe(`${kiosk.host.origin}/`);
  });

  it('serves a CSP that forbids eval, inline code and remote origins', async () => {
    const page = kiosk.window.page();
    const response = await page.request.get(`${kiosk.host.origin}/`);
    const csp = response.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).not.toMatch(/unsafe-eval|unsafe-inline|https?:/);

    // Code run through DevTools is exempt from the page's CSP, so the probe is a script file
    // served from our own origin, as the renderer's own code is.
    const violations: string[] = [];
    await page.exposeFunction('reportViolation', (directive: string) => violations.push(directive));
    await page.evaluate(() =>
      document.addEventListener('securitypolicyviolation', (event) =>
        (window as unknown as { reportViolation(d: string): void }).reportViolation(event.effectiveDirective),
      ),
    );
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.src = '/csp-probe.js';
      document.head.appendChild(script);
    });
    const probe = page.locator('#csp-probe');
    await probe.waitFor({ state: 'attached' });
    await expect.poll(() => probe.getAttribute('data-done')).toBe('yes');
    expect(await probe.getAttribute('data-eval')).toBe('EvalError');
    expect(await probe.getAttribute('data-function')).toBe('EvalError');
    expect(await probe.getAttribute('data-remote-fetch')).toBe('TypeError');
    expect(await probe.getAttribute('data-inline-script')).toBe('blocked');
    await expect.poll(() => violations).toEqual(expect.arrayContaining(['script-src-elem', 'connect-src']));
  });

  it('refuses API calls without the secret or from another origin', async () => {
    const url = `${kiosk.host.origin}/api/invoke/reception:get-view`;
    const noSecret = await fetch(url, { method: 'POST', headers: { origin: kiosk.host.origin }, body: '{}' });
    expect(noSecret.status).toBe(403);
    const foreign = await fetch(url, {
      method: 'POST',
      headers: { origin: 'http://127.0.0.1:1', 'x-uketsuke-secret': kiosk.host.secret },
      body: '{}',
    });
    expect(foreign.status).toBe(403);
    const own = await fetch(url, {
      method: 'POST',
      headers: { origin: kiosk.host.origin, 'x-uketsuke-secret': kiosk.host.secret },
      body: '{}',
    });
    expect(await own.json()).toMatchObject({ ok: true, value: { screen: 'idle' } });
  });
});
