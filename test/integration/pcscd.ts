// Starts the real pcscd for integration tests and benchmarks, inside a private network namespace
// so vpcd's listener (it binds 0.0.0.0) is reachable only from that namespace's loopback, with
// TCP quick-ack routes there (without them every APDU waits ~40 ms for a delayed ACK; see
// docs/card.md). The driver under test stays in the host namespace and reaches pcscd through its
// socket file. Virtual cards run as child processes inside the namespace.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, openSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const SOCKET = '/run/pcscd/pcscd.comm';
const PID_FILE = '/run/pcscd/pcscd.pid';
const ROOT = path.resolve(import.meta.dirname, '../..');

export interface PcscdHandle {
  /** The namespace cards must run in; null when an already running pcscd (host namespace) is used. */
  readonly netns: string | null;
  readonly startedHere: boolean;
  stop(): Promise<void>;
}

function pidFromFile(): number | null {
  if (!existsSync(PID_FILE)) return null;
  const pid = Number(readFileSync(PID_FILE, 'utf8').replace(/\0/g, '').trim());
  return Number.isInteger(pid) && pid > 0 ? pid : null;
}

function running(): boolean {
  const pid = pidFromFile();
  if (!existsSync(SOCKET) || pid === null) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

const ip = (...args: string[]): void => {
  execFileSync('ip', args, { stdio: ['ignore', 'ignore', 'pipe'] });
};

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

export async function startPcscd(): Promise<PcscdHandle> {
  if (running()) {
    // Reuse it; its cards must run in whatever namespace it runs in (empty: the host's).
    const pid = String(pidFromFile());
    const netns = execFileSync('ip', ['netns', 'identify', pid], { encoding: 'utf8' }).trim() || null;
    return { netns, startedHere: false, stop: async () => {} };
  }
  // A pcscd killed earlier leaves its socket and pid file behind; pcscd refuses to start over them.
  rmSync(SOCKET, { force: true });
  rmSync(PID_FILE, { force: true });
  const netns = `uketsuke-pcsc-${process.pid}`;
  ip('netns', 'add', netns);
  try {
    ip('netns', 'exec', netns, 'ip', 'link', 'set', 'lo', 'up');
    for (const dst of ['127.0.0.0/8', '127.0.0.1']) {
      ip(
        'netns',
        'exec',
        netns,
        'ip',
        'route',
        'change',
        'local',
        dst,
        'dev',
        'lo',
        'proto',
        'kernel',
        'scope',
        'host',
        'src',
        '127.0.0.1',
        'table',
        'local',
        'quickack',
        '1',
      );
    }
  } catch (error) {
    ip('netns', 'del', netns);
    throw error;
  }
  const log = openSync(path.join(os.tmpdir(), `uketsuke-pcscd-${process.pid}.log`), 'w');
  // --auto-exit: should this process die without stopping it, pcscd leaves by itself 60 s after
  // its last client, instead of squatting on the machine's only PC/SC socket.
  const child = spawn('ip', ['netns', 'exec', netns, 'pcscd', '--foreground', '--error', '--auto-exit'], {
    stdio: ['ignore', log, log],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await waitFor(() => existsSync(SOCKET) || child.exitCode !== null, 5000, 'pcscd socket');
  if (child.exitCode !== null) {
    ip('netns', 'del', netns);
    throw new Error(`pcscd exited with ${child.exitCode}`);
  }
  return {
    netns,
    startedHere: true,
    stop: async () => {
      // A test may have restarted pcscd (service-restart test): stop whichever one holds the pid file.
      const pid = pidFromFile();
      if (pid !== null && pid !== child.pid) {
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          // already gone
        }
      }
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(SOCKET, { force: true });
      rmSync(PID_FILE, { force: true });
      try {
        ip('netns', 'del', netns);
      } catch {
        // already gone
      }
    },
  };
}

/** Stops the running pcscd (SIGKILL, as a crash) and starts a new one in the same namespace. */
export async function crashPcscd(): Promise<void> {
  const pid = pidFromFile();
  if (pid !== null) process.kill(pid, 'SIGKILL');
  await waitFor(() => !running(), 3000, 'pcscd to die');
  rmSync(SOCKET, { force: true });
  rmSync(PID_FILE, { force: true });
}

/** Starts pcscd again after `crashPcscd` (detached: the global teardown stops it by its pid file). */
export async function restartPcscd(netns: string | null): Promise<void> {
  const command = netns ? ['ip', 'netns', 'exec', netns, 'pcscd'] : ['pcscd'];
  const child = spawn(command[0]!, [...command.slice(1), '--foreground', '--error', '--auto-exit'], {
    stdio: 'ignore',
    detached: true,
  });
  child.unref();
  await waitFor(() => existsSync(SOCKET), 5000, 'pcscd socket');
}

export interface SimCardProcess {
  /** stdout lines so far (`inserted`, `removed`, `apdu …`). */
  readonly lines: string[];
  command(line: string): void;
  /** Waits for the next stdout line matching `pattern` (counting from `from`, default: now). */
  waitFor(pattern: RegExp, timeoutMs?: number, from?: number): Promise<string>;
  stop(): Promise<void>;
}

/** Runs `scripts/sim-card.ts` (the vpcd card) inside pcscd's namespace. */
export async function startSimCard(args: string[], netns: string | null): Promise<SimCardProcess> {
  const tsx = path.join(ROOT, 'node_modules/.bin/tsx');
  const argv = [tsx, path.join(ROOT, 'scripts/sim-card.ts'), '--log-apdus', ...args];
  const child: ChildProcess = netns
    ? spawn('ip', ['netns', 'exec', netns, ...argv], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] })
    : spawn(argv[0]!, argv.slice(1), { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines: string[] = [];
  const waiters = new Set<() => void>();
  readline.createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const wake of [...waiters]) wake();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const waitFor = (pattern: RegExp, timeoutMs = 5000, from = lines.length): Promise<string> =>
    new Promise((resolve, reject) => {
      const check = (): boolean => {
        const found = lines.slice(from).find((l) => pattern.test(l));
        if (found === undefined) return false;
        waiters.delete(wake);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const wake = (): void => void check();
      const timer = setTimeout(() => {
        waiters.delete(wake);
        reject(new Error(`sim card: no line matching ${pattern} (last: ${lines.slice(-3).join(' | ')})`));
      }, timeoutMs);
      waiters.add(wake);
      if (!check()) child.once('exit', () => setTimeout(wake, 10));
    });
  const handle: SimCardProcess = {
    lines,
    command: (line) => child.stdin!.write(`${line}\n`),
    waitFor,
    stop: async () => {
      if (child.exitCode === null) {
        child.stdin!.write('quit\n');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
    },
  };
  await waitFor(/^ready$/, 15_000, 0);
  return handle;
}
