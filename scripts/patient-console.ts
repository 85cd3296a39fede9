// The patient's side of the start console: what the screen shows, and taps on it. Taps go to the
// real page in Chromium (a click on the button, as a finger would), so the console exercises exactly
// what a patient does; nothing here talks to the trusted side directly.
import type { Page } from 'playwright-core';
import { FAULT_KINDS, type FaultKind, type Faults } from '../sim/eligibility/faults';

export const PATIENT_HELP = `patient:
  screen                       show the current screen: its text and numbered buttons
  tap <n|text>                 tap button n (from \`screen\`) or the button whose label contains text
  consent all|<y/n ×4>         answer the consent screen: all, or e.g. "consent y n y y" then confirm
  fault <kind> [times]         make the eligibility service fail the next request(s) (${FAULT_KINDS.join(', ')})
  fault clear                  remove injected faults`;

interface ScreenText {
  screen: string;
  lines: string[];
  buttons: string[];
}

/** Reads the screen as a patient sees it (headings, paragraphs, buttons), in document order. */
// Runs in the page. A string, not a function: tsx would wrap a function's inner names in a helper the
// page does not have.
const READ_SCREEN = `(() => {
  const visible = (element) => element.offsetParent !== null;
  const main = document.querySelector('[data-screen]');
  return {
    screen: main ? main.getAttribute('data-screen') : '(loading)',
    lines: main ? [...main.querySelectorAll('h1, p, .consent-label')].filter(visible).map((e) => e.textContent) : [],
    buttons: [...document.querySelectorAll('button')].filter(visible).map((button) => {
      const label = button.textContent.replace(/\\s+/g, ' ').trim();
      const state = button.disabled ? ' (disabled)' : button.getAttribute('aria-pressed') === 'true' ? ' (on)' : '';
      return label + state;
    }),
  };
})()`;

/** Reads the screen as a patient sees it (headings, paragraphs, buttons), in document order. */
export async function readScreen(page: Page): Promise<ScreenText> {
  return (await page.evaluate(READ_SCREEN)) as ScreenText;
}

export function formatScreen(text: ScreenText): string {
  return [
    `[${text.screen}]`,
    ...text.lines.map((line) => `  ${line}`),
    ...text.buttons.map((label, index) => `  ${index + 1}) ${label}`),
  ].join('\n');
}

async function tap(page: Page, target: string): Promise<string> {
  const buttons = page.locator('button:visible');
  const count = await buttons.count();
  let index = /^\d+$/.test(target) ? Number(target) - 1 : -1;
  if (index < 0) {
    for (let i = 0; i < count; i++) {
      const label = (await buttons.nth(i).textContent()) ?? '';
      if (label.toLowerCase().includes(target.toLowerCase())) {
        index = i;
        break;
      }
    }
  }
  if (index < 0 || index >= count) return `no button ${target}; type screen`;
  const button = buttons.nth(index);
  if (await button.isDisabled()) return `button ${index + 1} is disabled`;
  const label = ((await button.textContent()) ?? '').trim();
  await button.click();
  return `tapped ${label}`;
}

async function consent(page: Page, answers: string[]): Promise<string> {
  if ((await page.locator('[data-screen="consent"]').count()) === 0) return 'not on the consent screen';
  if (answers[0] === 'all') {
    await page.locator('button.agree-all').click();
    return 'agreed to all';
  }
  const items = page.locator('.consent-item');
  const count = await items.count();
  if (answers.length !== count || !answers.every((answer) => /^[yn]$/.test(answer)))
    return `consent takes all, or ${count} answers y/n`;
  for (let i = 0; i < count; i++)
    await items
      .nth(i)
      .locator('button.answer')
      .nth(answers[i] === 'y' ? 0 : 1)
      .click();
  await page.locator('button.submit').click();
  return `answered ${answers.join(' ')} and confirmed`;
}

function fault(faults: Faults, args: string[]): string {
  const [kind, times = '1'] = args;
  if (kind === 'clear') {
    faults.clear();
    return 'faults cleared';
  }
  if (!(FAULT_KINDS as readonly string[]).includes(kind ?? '') || !/^\d+$/.test(times))
    return `fault takes one of ${FAULT_KINDS.join(', ')} and a count`;
  faults.inject({ kind: kind as FaultKind, times: Number(times) });
  return `the eligibility service will fail the next ${times} request(s): ${kind}`;
}

/** Runs a patient command; returns what to print, or null when the line is not a patient command. */
export async function runPatientCommand(page: Page, faults: Faults, line: string): Promise<string | null> {
  const [command = '', ...rest] = line.trim().split(/\s+/);
  switch (command) {
    case 'screen':
      return formatScreen(await readScreen(page));
    case 'tap':
      return rest.length ? tap(page, rest.join(' ')) : 'tap takes a button number or label';
    case 'consent':
      return consent(page, rest);
    case 'fault':
      return fault(faults, rest);
    default:
      return null;
  }
}
