// `npm run test:clock`: the unit and integration suites again with the machine's clock moved, to
// show that no test and no decision depends on the day the suite runs (electron/clock.ts):
//   1. `faketime -f '+1000d'`                      — years ahead of every fixture's date
//   2. `TZ=UTC faketime '2026-12-02 14:59:50'`      — 23:59:50 in Japan: the run crosses JST midnight
// libfaketime (Debian `faketime`) shifts the clock of vitest, its workers and the pcscd it starts.
// The integration tests start pcscd, so each pass holds the PC/SC lock other runs on this machine take
// (UKETSUKE_PCSC_LOCK=held when the caller already holds it: a second flock would wait for ever).
//   --report FILE   also writes the summed counts as a vitest-style JSON report (for `npm test`)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readVitestReport, type ReportCounts } from './vitest-report';

const PCSC_LOCK = '/tmp/uketsuke-pcsc.lock';

interface Pass {
  name: string;
  faketime: string[];
  env: Record<string, string>;
}

const passes: Pass[] = [
  { name: "+1000 days (faketime -f '+1000d')", faketime: ['-f', '+1000d'], env: {} },
  {
    name: "across JST midnight (TZ=UTC faketime '2026-12-02 14:59:50')",
    faketime: ['2026-12-02 14:59:50'],
    env: { TZ: 'UTC' },
  },
];

const { values } = parseArgs({ options: { report: { type: 'string' } } });

if (spawnSync('faketime', ['-f', '+0d', 'true']).status !== 0) {
  console.error('test:clock needs Debian faketime (libfaketime): apt-get install faketime');
  process.exit(2);
}

const reports = mkdtempSync(join(tmpdir(), 'uketsuke-clock-'));
const total: ReportCounts = { numPassedTests: 0, numFailedTests: 0, numPendingTests: 0, numTodoTests: 0 };
const failures: string[] = [];
const lines: string[] = [];
let failedPasses = 0;

for (const [index, pass] of passes.entries()) {
  console.log(`\n── clock: ${pass.name} ──`);
  const report = join(reports, `pass-${index}.json`);
  const vitest = [
    'npx',
    'vitest',
    'run',
    '--project',
    'unit',
    '--project',
    'integration',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ];
  const faked = ['faketime', ...pass.faketime, ...vitest];
  const command = process.env.UKETSUKE_PCSC_LOCK === 'held' ? faked : ['flock', PCSC_LOCK, ...faked];
  const result = spawnSync(command[0]!, command.slice(1), {
    stdio: 'inherit',
    env: { ...process.env, ...pass.env },
  });
  const counts = readVitestReport(report);
  if (counts) {
    for (const key of Object.keys(total) as Array<keyof ReportCounts>) total[key] += counts[key];
    failures.push(...counts.failures.map((failure) => `${pass.name}: ${failure}`));
  }
  if (result.status !== 0 || !counts) {
    failedPasses++;
    if (!counts) total.numFailedTests += 1;
  }
  lines.push(
    `${pass.name}: ${counts ? `${counts.numPassedTests} passed, ${counts.numFailedTests} failed` : 'no report'}`,
  );
}

console.log('');
for (const failure of failures) console.log(`failed: ${failure}`);
for (const line of lines) console.log(line);
if (values.report) writeFileSync(values.report, JSON.stringify({ ...total, failures }));
console.log(`${total.numPassedTests} passed, ${total.numFailedTests} failed`);
process.exit(failedPasses ? 1 : 0);
