// `uketsuke support-bundle`: what a vendor needs to help a terminal — the config without secrets,
// versions, the doctor's report and the last log lines — as one JSON file IT can send. Nothing
// personal: log lines are re-redacted here (a second time after the logger) and only JSON log lines
// of primitive fields are taken.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { release, platform } from 'node:os';
import { dirname } from 'node:path';
import type { KioskConfig } from '../config/schema';
import { writePrivateFile } from '../eligibility/key-store';
import { redactFields, type LogFields } from '../log/logger';
import type { DoctorReport } from './doctor';

/** Config keys whose values are secrets or could be: never copied into a bundle. */
const SECRET_KEY = /secret|password|token|passphrase|pin(?!Pad)|^key$/i;

function withoutSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutSecrets);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, inner]) => [
      key,
      SECRET_KEY.test(key) ? '[removed]' : withoutSecrets(inner),
    ]),
  );
}

/** The last `count` lines of the log and its rotated files, newest last, each re-redacted. */
export function lastLogLines(logFile: string, count: number, maxFiles = 50): string[] {
  const files = [logFile, ...Array.from({ length: maxFiles }, (_, i) => `${logFile}.${i + 1}`)].filter(
    (file) => existsSync(file),
  );
  const lines: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8').split('\n').filter(Boolean);
    lines.unshift(...text);
    if (lines.length >= count) break;
  }
  return lines.slice(-count).flatMap((line) => {
    try {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      const primitive: LogFields = {};
      for (const [key, value] of Object.entries(parsed)) {
        if (value === null || ['string', 'number', 'boolean'].includes(typeof value))
          primitive[key] = value as string;
      }
      return [JSON.stringify(redactFields(primitive))];
    } catch {
      return []; // not one of our lines: left out rather than risk copying anything
    }
  });
}

export interface SupportBundle {
  created: string;
  terminal: string;
  versions: Record<string, string>;
  config: unknown;
  doctor: DoctorReport;
  log: string[];
}

export function buildSupportBundle(options: {
  config: KioskConfig;
  rawConfig: unknown;
  doctor: DoctorReport;
  logFile: string;
  lines: number;
  appVersion: string;
  nowIso: string;
}): SupportBundle {
  return {
    created: options.nowIso,
    terminal: options.config.terminal.id,
    versions: {
      uketsuke: options.appVersion,
      node: process.versions.node,
      ...(process.versions.electron ? { electron: process.versions.electron } : {}),
      os: `${platform()} ${release()}`,
    },
    config: withoutSecrets(options.rawConfig),
    doctor: options.doctor,
    log: lastLogLines(options.logFile, options.lines),
  };
}

export function writeSupportBundle(path: string, bundle: SupportBundle): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writePrivateFile(path, Buffer.from(`${JSON.stringify(bundle, null, 2)}\n`));
}
