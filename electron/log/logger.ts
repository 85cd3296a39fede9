// Structured log lines (JSON, one per line). Fields are primitives only, and any field whose name
// suggests personal data or a secret is replaced before it is written: a second line of defence —
// the first is that callers never pass such data.
import { systemClock, type Clock } from '../clock';
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(event: string, fields?: LogFields): void;
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

export interface LogSink {
  write(line: string): void;
}

const SENSITIVE_FIELD =
  /pin|password|secret|photo|image|frame|crop|descriptor|name|kana|birth|address|security.?code|collation|shogo|my.?number|kojin|certificate|signature|insur(ed|ance).?(number|no)/i;

export const REDACTED = '[redacted]';

export function redactFields(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (value === undefined) continue;
    out[key] = SENSITIVE_FIELD.test(key) ? REDACTED : value;
  }
  return out;
}

export function createLogger(
  sink: LogSink,
  options: {
    minLevel?: LogLevel;
    base?: LogFields;
    /** The process's one clock (composition roots pass it); the machine's by default. */
    clock?: Clock;
  } = {},
): Logger {
  const order: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };
  const minLevel = order[options.minLevel ?? 'info'];
  const clock = options.clock ?? systemClock();
  const base = redactFields(options.base ?? {});
  const emit = (level: LogLevel, event: string, fields: LogFields = {}): void => {
    if (order[level] < minLevel) return;
    const line = { time: clock.date().toISOString(), level, event, ...base, ...redactFields(fields) };
    sink.write(`${JSON.stringify(line)}\n`);
  };
  return {
    debug: (event, fields) => emit('debug', event, fields),
    info: (event, fields) => emit('info', event, fields),
    warn: (event, fields) => emit('warn', event, fields),
    error: (event, fields) => emit('error', event, fields),
    child: (fields) => createLogger(sink, { ...options, base: { ...options.base, ...fields } }),
  };
}

/** A sink that keeps lines in memory: for tests and for the self-test report. */
export function memorySink(): LogSink & { lines: string[] } {
  const lines: string[] = [];
  return { lines, write: (line) => lines.push(line) };
}

export const stderrSink: LogSink = { write: (line) => process.stderr.write(line) };
