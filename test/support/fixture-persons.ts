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

/** A random UUID (a request id): a group of it can be four digits that equal a PIN by chance. */
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;

/**
 * `[person id, value, where]` of every personal value found in `text`, `where` being the text around
 * the first hit (so a failure shows whether it was a leak or a number that happens to equal a PIN). A
 * value of digits only (a PIN, a security code, a birth date without dashes) counts only as a whole
 * number: not inside a longer number, and not as a group of a UUID (seen: the request id
 * `8ebe36e1-1357-…` in 1 of 17 simulated days' logs kept on a dev machine matched a fixture PIN).
 */
export function personalValuesIn(text: string): Array<[string, string, string]> {
  const found: Array<[string, string, string]> = [];
  // Same length, so a hit's position in `idsMasked` is its position in `text`.
  const idsMasked = text.replace(UUID, (id) => id.replace(/[0-9a-f]/gi, 'x'));
  for (const person of fixturePersonSecrets()) {
    for (const value of person.values) {
      const at = /^\d+$/.test(value)
        ? idsMasked.search(new RegExp(`(?<!\\d)${value}(?!\\d)`))
        : text.indexOf(value);
      if (at >= 0) found.push([person.id, value, text.slice(Math.max(0, at - 60), at + value.length + 60)]);
    }
  }
  return found;
}
