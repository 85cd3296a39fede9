import { readFileSync } from 'node:fs';
import { KioskError } from '../errors/kiosk-error';
import { configSchema, type KioskConfig } from './schema';

/** Parses a config object; every problem is listed with its path so IT can fix it in one go. */
export function parseConfig(raw: unknown): KioskConfig {
  const result = configSchema.safeParse(raw ?? {});
  if (!result.success) {
    const problems = result.error.issues
      .map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`)
      .join('; ');
    throw new KioskError('config.invalid', problems);
  }
  return result.data;
}

/** Loads the config file at `path`, or the defaults when no path is given. */
export function loadConfig(path: string | undefined): KioskConfig {
  if (!path) return parseConfig({});
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new KioskError('config.invalid', `cannot read ${path}`, { cause: error });
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new KioskError('config.invalid', `${path} is not valid JSON`, { cause: error });
  }
  return parseConfig(raw);
}
