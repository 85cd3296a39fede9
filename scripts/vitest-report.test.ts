import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readVitestReport } from './vitest-report';

const dir = mkdtempSync(join(tmpdir(), 'uketsuke-report-'));

function report(json: unknown): string {
  const file = join(dir, `${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(json));
  return file;
}

// The shape vitest 4's json reporter writes (fields not read here left out).
const counts = { numPassedTests: 1, numFailedTests: 1, numPendingTests: 0, numTodoTests: 0 };

describe('readVitestReport', () => {
  it('names each failed test with the first words of its failure, on one line, without stack or colour', () => {
    const read = readVitestReport(
      report({
        ...counts,
        testResults: [
          {
            name: join(process.cwd(), 'test/integration/it/simulated-day.test.ts'),
            status: 'failed',
            message: '',
            assertionResults: [
              { fullName: 'a day passes', status: 'passed', failureMessages: [] },
              {
                fullName: 'a simulated day the log folder holds nothing personal',
                status: 'failed',
                failureMessages: [
                  "\u001b[31mAssertionError: expected [ [ 'tanaka-michiko', '1357', 'ctx' ] ] to deeply equal []\u001b[39m\n    at x.test.ts:3:48",
                ],
              },
            ],
          },
        ],
      }),
    );
    expect(read).toMatchObject(counts);
    expect(read?.failures).toEqual([
      "test/integration/it/simulated-day.test.ts › a simulated day the log folder holds nothing personal — AssertionError: expected [ [ 'tanaka-michiko', '1357', 'ctx' ] ] to deeply equal []",
    ]);
  });

  it('names a file that failed to load, and cuts a long message', () => {
    const read = readVitestReport(
      report({
        ...counts,
        testResults: [
          {
            name: join(process.cwd(), 'a.test.ts'),
            status: 'failed',
            message: `x${'y'.repeat(900)}`,
            assertionResults: [],
          },
        ],
      }),
    );
    expect(read?.failures).toHaveLength(1);
    expect(read?.failures[0]).toMatch(/^a\.test\.ts — xy+…$/);
    expect(read!.failures[0]!.length).toBeLessThan(420);
  });

  it('names a file whose hook failed (its tests skipped) and counts it as a failure', () => {
    const read = readVitestReport(
      report({
        ...counts,
        numFailedTests: 0,
        testResults: [
          {
            name: join(process.cwd(), 'b.test.ts'),
            status: 'failed',
            message: '',
            assertionResults: [{ fullName: 'b x', status: 'skipped', failureMessages: [] }],
          },
        ],
      }),
    );
    expect(read?.failures).toEqual(['b.test.ts — (the file failed; see its output)']);
    expect(read?.numFailedTests).toBe(1);
  });

  it('passes on a summary already made (the clock runs) and is undefined without a report', () => {
    expect(readVitestReport(report({ ...counts, failures: ['+1000 days: a › b — c'] }))?.failures).toEqual([
      '+1000 days: a › b — c',
    ]);
    expect(readVitestReport(join(dir, 'missing.json'))).toBeUndefined();
  });
});
