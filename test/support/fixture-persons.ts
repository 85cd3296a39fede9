// Every fixture person's personal fields, in the forms they could leak in: for the tests that grep
// logs, support bundles and packages for personal data.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../../electron/browser-main';

export interface FixturePersonSecrets {
  id: string;
  /** Strings that must never appear anywhere outside the sealed database and the clinic folder. */
  values: string[];
}

const PERSONAL_KEYS = ['name', 'nameKana', 'address', 'birthDate', 'pin', 'securityCode'] as const;

export function fixturePersonSecrets(): FixturePersonSecrets[] {
  const dir = join(PROJECT_ROOT, 'sim/fixtures/persons');
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .map((file) => {
      const person = JSON.parse(readFileSync(join(dir, file), 'utf8')) as Record<string, unknown>;
      const values = new Set<string>();
      for (const key of PERSONAL_KEYS) {
        const value = person[key];
        if (typeof value !== 'string' || value.length < 3) continue;
        values.add(value);
        if (key === 'name' || key === 'nameKana') {
          // With an ASCII space or none, as a log writer might normalise the full-width one.
          values.add(value.replace(/\u3000/g, ' '));
          values.add(value.replace(/[\u3000 ]/g, ''));
        }
        if (key === 'birthDate') values.add(value.replace(/-/g, ''));
      }
      return { id: String(person.id), values: [...values] };
    });
}

/**
 * `[person id, value, where]` of every personal value found in `text`, `where` being the text around
 * the first hit (so a failure shows whether it was a leak or a number that happens to equal a PIN). A
 * value of digits only (a PIN, a security code, a birth date without dashes) counts only as a whole
 * number, not inside a longer one.
 */
export function personalValuesIn(text: string): Array<[string, string, string]> {
  const found: Array<[string, string, string]> = [];
  for (const person of fixturePersonSecrets()) {
    for (const value of person.values) {
      const at = /^\d+$/.test(value)
        ? text.search(new RegExp(`(?<!\\d)${value}(?!\\d)`))
        : text.indexOf(value);
      if (at >= 0) found.push([person.id, value, text.slice(Math.max(0, at - 60), at + value.length + 60)]);
    }
  }
  return found;
}
