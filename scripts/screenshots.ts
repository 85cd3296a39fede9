// `npm run screenshots`: every screen in every language, portrait 1080×1920 and landscape 1920×1080,
// into test/screenshots/<screen>-<language>-<orientation>.png, each checked in the page for text that
// is clipped or overflows, touch targets under 60 px, text under WCAG AA contrast, controls out of
// reach in portrait (above the lower 60 % of the screen) and a `lang` that does not match the text.
// The built renderer runs in Debian's Chromium; the views it draws are the contract's ScreenView
// with the trusted side's real texts (errors and face guidance from the catalogues).
//   npm run screenshots [-- --only <screen>] [--languages ja,en]
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Page } from 'playwright-core';
import {
  LANGUAGES,
  type FaceFeedback,
  type KioskInfo,
  type Language,
  type ReceptionView,
  type ScreenView,
} from '../electron/contract';
import { toErrorView } from '../electron/errors/kiosk-error';
import { readRendererAsset } from '../electron/hosts/renderer-assets';
import { RENDERER_SECURITY_HEADERS } from '../electron/security/csp';
import { LANGUAGE_TAGS, textInEveryLanguage } from '../i18n';
import { ensureRendererBuilt } from './renderer-build';

const ROOT = join(import.meta.dirname, '..');
const OUT = join(ROOT, 'test/screenshots');
// localhost is a secure context (the camera needs one); requests never leave the page: page.route answers them.
const ORIGIN = 'http://localhost:4999';

/** Each screen once, with the longest texts it can carry. */
export const SAMPLE_VIEWS: Record<string, ScreenView> = {
  idle: { screen: 'idle' },
  'idle-card-pulled': { screen: 'idle', notice: toErrorView('reception.card-pulled') },
  'idle-smartphone': { screen: 'idle', smartphone: true },
  'phone-wait': { screen: 'phone-wait' },
  'phone-confirm': { screen: 'phone-confirm' },
  'pin-entry-phone': {
    screen: 'pin-entry',
    checking: false,
    digitsEntered: 0,
    triesLeft: 3,
    notice: toErrorView('reception.phone-keep-held'),
    keypad: null,
  },
  'reading-card': { screen: 'reading-card' },
  'card-unusable': { screen: 'card-unusable', reason: toErrorView('card.not-my-number-card') },
  'choose-method': {
    screen: 'choose-method',
    methods: ['face', 'pin'],
    notice: toErrorView('card-face.western-date-unsupported'),
    unavailable: [],
    pinTriesLeft: 3,
  },
  'choose-method-unavailable': {
    screen: 'choose-method',
    methods: ['pin'],
    notice: null,
    unavailable: [{ method: 'face', reason: toErrorView('reception.face-western-date') }],
    pinTriesLeft: 2,
  },
  'card-face': { screen: 'card-face', attempt: 1, notice: toErrorView('card-face.re-place') },
  'face-capture': { screen: 'face-capture' },
  'pin-entry': {
    screen: 'pin-entry',
    checking: false,
    digitsEntered: 2,
    triesLeft: 1,
    notice: toErrorView('card.pin-wrong'),
    keypad: null,
  },
  'pin-entry-on-screen': {
    screen: 'pin-entry',
    checking: false,
    digitsEntered: 0,
    triesLeft: 1,
    notice: toErrorView('reception.pin-last-try'),
    keypad: { layout: ['7', '2', '9', '0', '4', '1', '8', '3', '6', '5'] },
  },
  'pin-last-try': { screen: 'pin-last-try', notice: toErrorView('card.pin-wrong') },
  consent: { screen: 'consent' },
  confirming: { screen: 'confirming' },
  done: { screen: 'done', result: 'confirmed', next: toErrorView('reception.done-next') },
  'done-queued': { screen: 'done', result: 'queued', next: toErrorView('reception.queued-next') },
  'not-done': { screen: 'not-done', reason: toErrorView('reception.not-done'), staffNotified: true },
  'take-card': { screen: 'take-card', reason: toErrorView('reception.take-card'), sound: 'take-card' },
  'call-staff': {
    screen: 'call-staff',
    reason: toErrorView('eligibility.status-invalid'),
    staffNotified: true,
    next: toErrorView('reception.staff-coming'),
    canGoBack: true,
  },
  'out-of-service': {
    screen: 'out-of-service',
    reasons: [toErrorView('health.reader-missing'), toErrorView('health.service-unreachable')],
  },
};

const ORIENTATIONS = {
  portrait: { width: 1080, height: 1920 },
  landscape: { width: 1920, height: 1080 },
} as const;

const FACE_FEEDBACK: FaceFeedback = {
  cue: 'no-face',
  prompt: textInEveryLanguage('face.guidance.no-face', { en: '' }),
  box: null,
  attempt: 1,
  maxAttempts: 3,
  finished: false,
};

// The checks run in the page. A string, not a function: tsx would wrap inner function names in a
// helper the page does not have.
const CHECKS = `(({ portrait, lang }) => {
  const problems = [];
  const where = (el) => (el.getAttribute('data-screen') ? '[' + el.getAttribute('data-screen') + ']' : el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ').join('.') : '')) + ' "' + (el.textContent || '').trim().slice(0, 40) + '"';
  const visible = (el) => { const r = el.getBoundingClientRect(); return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden'; };
  if (document.documentElement.lang !== lang) problems.push('lang is ' + document.documentElement.lang + ', expected ' + lang);
  const vw = innerWidth, vh = innerHeight;
  for (const el of document.querySelectorAll('.screen')) if (el.scrollHeight > el.clientHeight + 1) problems.push('does not fit, needs scrolling: ' + where(el));
  const texts = [...document.querySelectorAll('h1, p, span, button, li, header')].filter(visible);
  for (const el of texts) {
    const r = el.getBoundingClientRect();
    if (r.left < -1 || r.right > vw + 1 || r.top < -1 || r.bottom > vh + 1) problems.push('outside the screen: ' + where(el));
    if (el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).display !== 'inline') problems.push('text overflows its box: ' + where(el));
  }
  for (const el of [...document.querySelectorAll('button')].filter(visible)) {
    const r = el.getBoundingClientRect();
    if (r.width < 60 || r.height < 60) problems.push('target ' + Math.round(r.width) + 'x' + Math.round(r.height) + ' px: ' + where(el));
    if (portrait && r.top < vh * 0.4) problems.push('control in the upper 40% of the portrait screen (top ' + Math.round(r.top) + '): ' + where(el));
  }
  const rgba = (s) => { const m = s.match(/rgba?\\(([^)]+)\\)/); if (!m) return null; const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number); return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 }; };
  const lum = (c) => { const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }; return 0.2126 * f(c.r) + 0.7152 * f(c.g) + 0.0722 * f(c.b); };
  const background = (el) => { for (let e = el; e; e = e.parentElement) { const c = rgba(getComputedStyle(e).backgroundColor); if (c && c.a > 0.5) return c; } return { r: 255, g: 255, b: 255, a: 1 }; };
  for (const el of texts) {
    const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!own) continue;
    const style = getComputedStyle(el);
    const fg = rgba(style.color), bg = background(el);
    if (!fg) continue;
    const [a, b] = [lum(fg), lum(bg)].sort((x, y) => y - x);
    const ratio = (a + 0.05) / (b + 0.05);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < needed) problems.push('contrast ' + ratio.toFixed(2) + ' < ' + needed + ': ' + where(el));
  }
  return problems;
})`;

async function serve(page: Page, state: { view: ReceptionView }, rendererDir: string) {
  const info: KioskInfo = {
    version: 'screenshots',
    world: 'simulated',
    facilityName: 'うけつけクリニック',
    heartbeatIntervalMs: 60_000,
    languages: LANGUAGES,
  };
  await page.route(`${ORIGIN}/**`, async (route) => {
    const url = new URL(route.request().url());
    const channel = url.pathname.startsWith('/api/invoke/')
      ? decodeURIComponent(url.pathname.slice(12))
      : null;
    const json = (value: unknown) =>
      route.fulfill({
        status: 200,
        contentType: 'application/json',
        body: JSON.stringify({ ok: true, value }),
      });
    if (url.pathname === '/api/events') return route.fulfill({ status: 200, body: '' });
    if (channel === 'kiosk:get-info') return json(info);
    if (channel === 'kiosk:heartbeat') return json({ alive: true });
    if (channel === 'face:submit-frame') return json(FACE_FEEDBACK);
    if (channel) return json(state.view);
    const asset = await readRendererAsset(rendererDir, url.pathname);
    return route.fulfill({
      status: asset.status,
      body: asset.body,
      headers: { ...RENDERER_SECURITY_HEADERS, 'Content-Type': asset.contentType },
    });
  });
}

export async function takeScreenshots(options: { only?: string[]; languages?: Language[] } = {}) {
  await ensureRendererBuilt();
  mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      '--autoplay-policy=no-user-gesture-required',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
  const report: Record<string, string[]> = {};
  let shots = 0;
  try {
    for (const [orientation, viewport] of Object.entries(ORIENTATIONS)) {
      const context = await browser.newContext({ viewport, deviceScaleFactor: 1 });
      await context.grantPermissions(['camera'], { origin: ORIGIN });
      const page = await context.newPage();
      const state = {
        view: { screen: 'idle', language: 'ja', sessionGeneration: 1, revision: 1 } as ReceptionView,
      };
      await serve(page, state, join(ROOT, 'dist/renderer'));
      for (const language of options.languages ?? LANGUAGES) {
        for (const [name, view] of Object.entries(SAMPLE_VIEWS)) {
          if (options.only && !options.only.includes(name)) continue;
          state.view = { ...view, language, sessionGeneration: 1, revision: shots + 2 };
          await page.goto(`${ORIGIN}/index.html?shot=${shots}#k=screenshots`);
          await page.locator(`[data-screen="${view.screen}"]`).waitFor();
          await page.evaluate('document.fonts.ready');
          if (view.screen === 'face-capture')
            await page.locator('.guidance').filter({ hasText: FACE_FEEDBACK.prompt![language] }).waitFor();
          const file = `${name}-${language}-${orientation}.png`;
          await page.screenshot({ path: join(OUT, file), animations: 'disabled' });
          const problems = (await page.evaluate(
            `(${CHECKS})(${JSON.stringify({ portrait: orientation === 'portrait', lang: LANGUAGE_TAGS[language] })})`,
          )) as string[];
          if (problems.length) report[file] = problems;
          shots++;
        }
      }
      await context.close();
    }
  } finally {
    await browser.close();
  }
  writeFileSync(join(OUT, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  return { shots, report };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { only: { type: 'string' }, languages: { type: 'string' } } });
  const { shots, report } = await takeScreenshots({
    ...(values.only ? { only: values.only.split(',') } : {}),
    ...(values.languages ? { languages: values.languages.split(',') as Language[] } : {}),
  });
  for (const [file, problems] of Object.entries(report))
    for (const problem of problems) console.log(`${file}: ${problem}`);
  const failed = Object.keys(report).length;
  console.log(`${shots} screenshots in test/screenshots/, ${failed} with problems`);
  process.exitCode = failed ? 1 : 0;
}
