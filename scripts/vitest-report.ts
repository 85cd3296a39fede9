// A vitest JSON report (`--reporter=json`), read for `npm test`'s closing summary: the counts, and
// which tests failed with the start of why — CI keeps only the end of a run's output, so the names
// must be printed there, not only where the failure happened.
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { stripVTControlCharacters } from 'node:util';

export interface ReportCounts {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
}

export interface ReadReport extends ReportCounts {
  /** One line per failed test: `file › test name — start of the failure message`. */
  failures: string[];
}

interface VitestJson extends ReportCounts {
  failures?: string[]; // already summarised (scripts/test-clock.ts writes this)
  testResults?: Array<{
    name: string;
    status?: string;
    message?: string;
    assertionResults?: Array<{ fullName: string; status: string; failureMessages?: string[] }>;
  }>;
}

const MESSAGE_CHARS = 400;

/** The report at `file`, or undefined when the run died before writing one. */
export function readVitestReport(file: string): ReadReport | undefined {
  let json: VitestJson;
  try {
    json = JSON.parse(readFileSync(file, 'utf8')) as VitestJson;
  } catch {
    return undefined;
  }
  const failures = [...(json.failures ?? [])];
  for (const suite of json.testResults ?? []) {
    const where = relative(process.cwd(), suite.name);
    const failed = (suite.assertionResults ?? []).filter((test) => test.status === 'failed');
    for (const test of failed)
      failures.push(`${where} › ${test.fullName} — ${brief(test.failureMessages?.[0])}`);
    // A file that failed to load, or whose hook failed (its tests then count as skipped), has no
    // failed test: its message, or at least its name.
    if (!failed.length && (suite.message || suite.status === 'failed')) {
      failures.push(
        `${where} — ${suite.message ? brief(suite.message) : '(the file failed; see its output)'}`,
      );
    }
  }
  return {
    numPassedTests: json.numPassedTests,
    // Such a file counts as a failure in the closing line too.
    numFailedTests: Math.max(json.numFailedTests, failures.length),
    numPendingTests: json.numPendingTests,
    numTodoTests: json.numTodoTests,
    failures,
  };
}

/** The start of a failure message on one line, without its stack or colour codes. */
function brief(message: string | undefined): string {
  if (!message) return '(no message)';
  const plain = stripVTControlCharacters(message.split(/\n\s+at /)[0]!)
    .replace(/\s+/g, ' ')
    .trim();
  return plain.length > MESSAGE_CHARS ? `${plain.slice(0, MESSAGE_CHARS)}…` : plain;
}
