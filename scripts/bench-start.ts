// `npm run bench:start [-- --runs N]`: how long `npm start` takes to show its first screen, on the
// browser host, headless, in the simulated world — cold (the trusted side's bundle rebuilt, as after
// a source change) and warm (the bundle up to date), N of each, with the machine's load average and
// the CPU time all of the start's processes had spent by then. The renderer must have been built
// once (the first `npm start` does it). Last line: one JSON object.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

const ROOT = join(import.meta.dirname, '..');
const STAMP = join(ROOT, '.cache/start/.stamp.json');
/** Clock ticks per second of /proc/<pid>/stat (USER_HZ; 100 on Linux). */
const TICKS_PER_SECOND = 100;

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a positive whole number');

const loadAverage = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');

/** CPU seconds spent so far by a process and all its descendants (and their reaped children). */
function treeCpuSeconds(rootPid: number): number {
  const stats = new Map<number, { parent: number; ticks: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      // Fields after the command name (which may hold spaces) start at state.
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0);
      stats.set(Number(name), { parent: Number(fields[1]), ticks });
    } catch {
      // The process ended while we looked.
    }
  }
  let ticks = 0;
  const visit = (pid: number): void => {
    ticks += stats.get(pid)?.ticks ?? 0;
    for (const [child, stat] of stats) if (stat.parent === pid) visit(child);
  };
  visit(rootPid);
  return ticks / TICKS_PER_SECOND;
}

interface StartRun {
  ms: number;
  cpuSeconds: number;
  load: string;
  screen: string;
}

function startOnce(configFile: string): Promise<StartRun> {
  const load = loadAverage();
  const env = { ...process.env };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  delete env.CI; // the console reads `quit` from stdin
  const started = performance.now();
  const child = spawn('npm', ['start', '--', '--headless', '--config', configFile], {
    cwd: ROOT,
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true, // its own process group, so a stuck start can be ended as a whole
  });
  let output = '';
  return new Promise<StartRun>((resolve, reject) => {
    const killer = setTimeout(() => {
      process.kill(-child.pid!, 'SIGKILL');
      reject(new Error(`no ready line within 120 s:\n${output}`));
    }, 120_000);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /Kiosk ready in [\d.]+ s \((.+) screen\)/.exec(output);
      if (!ready || child.stdin.writableEnded) return;
      const ms = performance.now() - started;
      const cpuSeconds = treeCpuSeconds(child.pid!);
      child.stdin.end('quit\n');
      child.once('exit', () => {
        clearTimeout(killer);
        resolve({ ms, cpuSeconds, load, screen: ready[1]! });
      });
    });
    child.once('exit', (code) => {
      if (!child.stdin.writableEnded) {
        clearTimeout(killer);
        reject(new Error(`npm start exited ${code} before it was ready:\n${output}`));
      }
    });
  });
}

const median = (numbers: number[]): number => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

const dataDir = mkdtempSync(join(tmpdir(), 'uketsuke-bench-start-'));
const configFile = join(dataDir, 'config.json');
// Its own data folders, and the staff console on a free port: runs beside another kiosk.
writeFileSync(
  configFile,
  JSON.stringify({
    eligibility: { dataDir: join(dataDir, 'eligibility') },
    clinic: { folder: join(dataDir, 'clinic') },
    staffConsole: { port: 0 },
  }),
);

const loadBefore = loadAverage();
const results: Record<'cold' | 'warm', StartRun[]> = { cold: [], warm: [] };
try {
  // A first start builds whatever is missing (the renderer, the bundle), and is not counted.
  await startOnce(configFile);
  for (let run = 0; run < runs; run++) {
    for (const kind of ['cold', 'warm'] as const) {
      if (kind === 'cold') rmSync(STAMP, { force: true });
      const result = await startOnce(configFile);
      results[kind].push(result);
      console.log(
        `${kind} ${run + 1}/${runs}: ready in ${(result.ms / 1000).toFixed(2)} s (${result.screen}), ` +
          `CPU ${result.cpuSeconds.toFixed(1)} s, load ${result.load}`,
      );
    }
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
const summary = (kind: 'cold' | 'warm') => ({
  ms: Math.round(median(results[kind].map((r) => r.ms))),
  cpu_s: Number(median(results[kind].map((r) => r.cpuSeconds)).toFixed(2)),
});
console.log(
  JSON.stringify({
    warm_ms: summary('warm').ms,
    cold_ms: summary('cold').ms,
    warm_cpu_s: summary('warm').cpu_s,
    cold_cpu_s: summary('cold').cpu_s,
    runs,
    loadavg_before: loadBefore,
    loadavg_after: loadAverage(),
    cores: (await import('node:os')).availableParallelism(),
  }),
);
