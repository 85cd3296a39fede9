// What a production build demands of its config before it starts: a file that `uketsuke provision`
// wrote, naming the real hardware and the terminal's own TLS files. The schema's defaults serve the
// simulated world; a real terminal must never start on them.
import { KioskError } from '../errors/kiosk-error';

/** The keys a provisioned config states explicitly instead of taking the schema's default. */
const REQUIRED_EXPLICIT = [
  ['world'],
  ['eligibility', 'endpoint'],
  ['eligibility', 'medicalInstitutionCode'],
  ['eligibility', 'tls', 'caFile'],
  ['eligibility', 'tls', 'certFile'],
  ['eligibility', 'tls', 'keyFile'],
] as const;

function valueAt(raw: unknown, path: readonly string[]): unknown {
  let node = raw;
  for (const key of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/**
 * Throws `config.not-provisioned` with the fix for IT unless `path` holds a provisioned config.
 * `read` returns the file's text, or undefined when there is no file.
 */
export function requireProvisionedConfig(path: string, read: (path: string) => string | undefined): void {
  const fix = `run \`uketsuke provision --data-dir <the terminal's data folder>\` (docs/it.md)`;
  const text = read(path);
  if (text === undefined) {
    throw new KioskError('config.not-provisioned', `no configuration at ${path}: ${fix}`);
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new KioskError('config.invalid', `${path} is not valid JSON: ${fix}`);
  }
  const missing = REQUIRED_EXPLICIT.filter((key) => valueAt(raw, key) === undefined).map((key) =>
    key.join('.'),
  );
  if (missing.length > 0) {
    throw new KioskError('config.not-provisioned', `${path} does not set ${missing.join(', ')}: ${fix}`);
  }
  if (valueAt(raw, ['world']) !== 'hardware') {
    throw new KioskError(
      'config.not-provisioned',
      `${path} asks for world "${String(valueAt(raw, ['world']))}"; this build runs only on "hardware": ${fix}`,
    );
  }
}
