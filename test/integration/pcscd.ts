// Starts the real pcscd for integration tests and benchmarks, inside a private network namespace
// so vpcd's listener (it binds 0.0.0.0) is reachable only from that namespace's loopback, with
// TCP quick-ack routes there (without them every APDU waits ~40 ms for a delayed ACK; see
// docs/card.md). The driver under test stays in the host namespace and reaches pcscd through its
// socket file. Virtual cards run as child processes inside the namespace.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, openSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';

const SOCKET = '/run/pcscd/pcscd.comm';
/** One file per process using the shared pcscd (test runs, benchmarks): the last one out stops it. */
const USERS_DIR = '/run/uketsuke-pcscd-users';
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
  return existsSync(SOCKET) && pid !== null && alive(pid);
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Serialises starting and stopping pcscd between processes (test runs of several people, benchmarks). */
async function withLock<T>(work: () => Promise<T>): Promise<T> {
  mkdirSync(USERS_DIR, { recursive: true });
  const lock = path.join(USERS_DIR, 'lock');
  const deadline = Date.now() + 20_000;
  for (;;) {
    try {
      mkdirSync(lock);
      writeFileSync(path.join(lock, 'owner'), String(process.pid));
      break;
    } catch {
      let owner = 0;
      try {
        owner = Number(readFileSync(path.join(lock, 'owner'), 'utf8'));
      } catch {
        // being taken or released right now
      }
      // A holder that died keeps nothing: take the lock over.
      if (owner > 0 && !alive(owner)) rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error('timed out waiting for the pcscd lock');
      else await new Promise((r) => setTimeout(r, 50));
    }
  }
  try {
    return await work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function registerUser(): void {
  mkdirSync(USERS_DIR, { recursive: true });
  writeFileSync(path.join(USERS_DIR, String(process.pid)), '');
}

function namespaceOf(pid: number): string | null {
  return execFileSync('ip', ['netns', 'identify', String(pid)], { encoding: 'utf8' }).trim() || null;
}

/** Leaves pcscd to other runs still using it; otherwise stops it and removes its namespace. */
function stopIfLastUser(): Promise<void> {
  return withLock(async () => {
    rmSync(path.join(USERS_DIR, String(process.pid)), { force: true });
    const others = readdirSync(USERS_DIR)
      .map(Number)
      .filter((pid) => pid > 0 && pid !== process.pid && alive(pid));
    if (others.length > 0) return;
    const pid = pidFromFile();
    if (pid === null || !alive(pid)) return;
    const netns = namespaceOf(pid);
    process.kill(pid, 'SIGTERM'); // pcscd removes its socket and pid file itself
    try {
      await waitFor(() => !alive(pid), 3000, 'pcscd to stop');
    } catch {
      process.kill(pid, 'SIGKILL');
      rmSync(SOCKET, { force: true });
      rmSync(PID_FILE, { force: true });
    }
    if (netns?.startsWith('uketsuke-pcsc-')) {
      try {
        ip('netns', 'del', netns);
      } catch {
        // already gone
      }
    }
  });
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

export function startPcscd(): Promise<PcscdHandle> {
  return withLock(startUnlocked);
}

async function startUnlocked(): Promise<PcscdHandle> {
  registerUser();
  if (running()) {
    // Reuse it; its cards must run in whatever namespace it runs in (empty: the host's).
    return { netns: namespaceOf(pidFromFile()!), startedHere: false, stop: stopIfLastUser };
  }
  // A pcscd killed earlier leaves its socket and pid file behind; pcscd refuses to start over them.
  rmSync(SOCKET, { force: true });
  rmSync(PID_FILE, { force: true });
  const netns = `uketsuke-pcsc-${process.pid}`;
  try {
    ip('netns', 'del', netns); // left over by an earlier process with the same pid
  } catch {
    // none: the usual case
  }
  ip('netns', 'add', netns);
  try {
    ip('netns', 'exec', netns, 'ip', 'link', 'set', 'lo', 'up');
    for (const dst of ['127.0.0.0/8', '127.0.0.1']) {
      const route = `route change local ${dst} dev lo proto kernel scope host src 127.0.0.1 table local quickack 1`;
      ip('netns', 'exec', netns, 'ip', ...route.split(' '));
    }
  } catch (error) {
    ip('netns', 'del', netns);
    throw error;
  }
  const log = openSync(path.join(os.tmpdir(), `uketsuke-pcscd-${process.pid}.log`), 'w');
  // A run killed before its teardown leaves this pcscd running; the next run finds and reuses it.
  const child = spawn('ip', ['netns', 'exec', netns, 'pcscd', '--foreground', '--error'], {
    stdio: ['ignore', log, log],
  });
  await waitFor(() => existsSync(SOCKET) || child.exitCode !== null, 5000, 'pcscd socket');
  if (child.exitCode !== null) {
    ip('netns', 'del', netns);
    throw new Error(`pcscd exited with ${child.exitCode}`);
  }
  return { netns, startedHere: true, stop: stopIfLastUser };
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
  const child = spawn(command[0]!, [...command.slice(1), '--foreground', '--error'], {
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
