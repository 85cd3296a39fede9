import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LogSink } from './logger';

/** Appends log lines to a file readable by its owner only. */
export function fileSink(path: string): LogSink {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  return { write: (line) => appendFileSync(path, line, { mode: 0o600 }) };
}
