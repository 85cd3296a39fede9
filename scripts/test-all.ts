// `npm test`: everything CI checks, in order — type-check, lint, format, then the unit, integration,
// end-to-end and clock (faketime) test runs — and one closing summary line over all tests.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readVitestReport } from './vitest-report';

interface Step {
  name: string;
  command: string[];
  /** A vitest project whose JSON report is counted in the summary. */
  project?: string;
  /** A script that writes a vitest-style JSON report to `--report FILE`, counted in the summary. */
  reportName?: string;
}

const steps: Step[] = [
  { name: 'type-check', command: ['npx', 'tsc', '--noEmit', '-p', 'tsconfig.json'] },
  { name: 'lint', command: ['npx', 'eslint', '--max-warnings', '0', '.'] },
  { name: 'format', command: ['npx', 'prettier', '--check', '--log-level', 'warn', '.'] },
  ...['unit', 'integration', 'e2e'].map((project) => ({
    name: `${project} tests`,
    project,
    command: ['npx', 'vitest', 'run', '--project', project, '--passWithNoTests'],
  })),
  // Unit + integration again with the machine's clock moved (faketime): no test depends on the date.
  { name: 'clock tests', reportName: 'clock', command: ['npx', 'tsx', 'scripts/test-clock.ts'] },
];

const reports = mkdtempSync(join(tmpdir(), 'uketsuke-test-'));
let passed = 0;
let failed = 0;
let skipped = 0;
const failedSteps: string[] = [];
const failures: string[] = [];

for (const step of steps) {
  console.log(`\n── ${step.name} ──`);
  const reportName = step.project ?? step.reportName;
  const report = reportName ? join(reports, `${reportName}.json`) : undefined;
  const command = step.project
    ? [...step.command, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`]
    : report
      ? [...step.command, '--report', report]
      : step.command;
  const result = spawnSync(command[0]!, command.slice(1), { stdio: 'inherit' });
  const summary = report ? readVitestReport(report) : undefined;
  if (summary) {
    passed += summary.numPassedTests;
    failed += summary.numFailedTests;
    skipped += summary.numPendingTests + summary.numTodoTests;
    failures.push(...summary.failures.map((failure) => `[${step.name}] ${failure}`));
  }
  // No report where one was expected: the run died before writing one; its exit status records that.
  if (result.status !== 0) {
    failedSteps.push(step.name);
    if (!report) failed += 1; // a failed check counts as a failure in the closing line too
  }
}

console.log('');
for (const failure of failures) console.log(`failed: ${failure}`);
if (failedSteps.length) console.log(`failed steps: ${failedSteps.join(', ')}`);
// The closing line CI reads.
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failedSteps.length || failed ? 1 : 0);
