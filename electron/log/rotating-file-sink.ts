// Log lines appended to a file that is rotated before it grows past a size, keeping a fixed number
// of older files (uketsuke.log.1 newest … .N oldest): the log folder never exceeds about
// (maxFiles + 1) × maxFileBytes, so a busy or attacked terminal cannot fill its disk with logs.
import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { LogSink } from './logger';

export interface RotationOptions {
  maxFileBytes: number;
  maxFiles: number;
}

export function rotatingFileSink(path: string, options: RotationOptions): LogSink {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  let size = existsSync(path) ? statSync(path).size : 0;
  const rotate = () => {
    rmSync(`${path}.${options.maxFiles}`, { force: true });
    for (let index = options.maxFiles - 1; index >= 1; index--) {
      if (existsSync(`${path}.${index}`)) renameSync(`${path}.${index}`, `${path}.${index + 1}`);
    }
    if (existsSync(path)) renameSync(path, `${path}.1`);
    size = 0;
  };
  return {
    write(line) {
      const bytes = Buffer.byteLength(line);
      if (size > 0 && size + bytes > options.maxFileBytes) rotate();
      appendFileSync(path, line, { mode: 0o600 });
      size += bytes;
    },
  };
}
