import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { clientIsStale } from '../../server/client-dist.ts';

// Runs the real Kier server (server/start.ts) as a child process for the browser suites: a temp
// PGlite DATA_DIR, offline patient voice, rules-only coder, no LLM key. A child (not in-process)
// so a test can kill it and start it again on the same data dir and port. KIER_TEST_SERVER_ENTRY
// points the suites at another entry file (e.g. a debugging build); the default is the real one.

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (typeof addr === 'object' && addr ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface KierServer {
  url: string;
  port: number;
  dataDir: string;
  /** Everything the server printed, for failure messages. */
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<void>;
}

export function tempDataDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'kier-browser-'));
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The address the child itself reports listening on: a /readyz answer alone could come from another
 * process that took the port, since the suites run in parallel and many of them listen. */
function waitListening(child: ChildProcess, out: () => string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const done = (fn: () => void) => {
      clearTimeout(timer);
      child.stdout?.off('data', check);
      child.off('exit', exited);
      fn();
    };
    const check = () => {
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out());
      if (m?.[1]) done(() => resolve(m[1] as string));
    };
    const exited = (code: number | null) => done(() => reject(new Error(`server exited with ${code}:\n${out()}`)));
    const timer = setTimeout(() => done(() => reject(new Error(`server not listening after ${timeoutMs} ms:\n${out()}`))), timeoutMs);
    child.stdout?.on('data', check);
    child.on('exit', exited);
    check();
  });
}

async function waitReady(url: string, child: ChildProcess, out: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out()}`);
    try {
      const res = await fetch(`${url}/readyz`);
      if (res.ok) return;
    } catch {
      // Not answering yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server not ready after ${timeoutMs} ms:\n${out()}`);
}

/** Starts the server on `port`, or on a port the OS picks (0) and the server reports. */
export async function startKierServer(opts: { dataDir: string; port?: number }): Promise<KierServer> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v !== undefined && !k.startsWith('OPENAI_') && k !== 'DATABASE_URL' && k !== 'REDIS_URL') env[k] = v;
  }
  Object.assign(env, {
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: String(opts.port ?? 0),
    DATA_DIR: opts.dataDir,
    // info: the 'Server listening at' line tells which port the child holds.
    LOG_LEVEL: 'info',
    LOG_PRETTY: 'false',
    PATIENT_VOICE: 'offline',
    CODER_MODE: 'rules',
    TURN_RATE_PER_MINUTE: '600',
    HTTP_RATE_PER_MINUTE: '10000',
  });
  // Built here, under the lock, so start.ts never finds the client stale and rebuilds it itself.
  await buildClient();
  const entry = process.env.KIER_TEST_SERVER_ENTRY ?? 'server/start.ts';
  if (!existsSync(path.join(repoRoot, entry))) throw new Error(`the server entry ${entry} does not exist`);
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', entry], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (d: Buffer) => (log += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (log += d.toString()));
  const output = () => log.slice(-4000);
  let url: string;
  try {
    url = await waitListening(child, () => log, 45_000);
    if (opts.port !== undefined && !url.endsWith(`:${opts.port}`)) throw new Error(`server listens at ${url}, not on port ${opts.port}`);
    await waitReady(url, child, output, 45_000);
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  }
  const port = Number(new URL(url).port);
  return {
    url,
    port,
    dataDir: opts.dataDir,
    output,
    stop: (signal: NodeJS.Signals = 'SIGTERM') =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill(signal);
      }),
  };
}

/** Whether a process is still running (a lock whose holder died may be taken over). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Runs `fn` while holding a lock file that other processes (suites in other workers) wait for. */
async function withLock<T>(file: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      break;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      let holder = 0;
      try {
        holder = Number(readFileSync(file, 'utf8').trim());
      } catch {
        continue; // Released meanwhile: try again at once.
      }
      if (holder > 0 && holder !== process.pid && !alive(holder)) {
        rmSync(file, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${file} is still held by process ${holder} after ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  try {
    return await fn();
  } finally {
    try {
      unlinkSync(file);
    } catch {
      // Already gone.
    }
  }
}

/**
 * Builds the client into client/dist with the project's Vite config (what the server serves),
 * unless it is up to date (the rule start.ts uses). The suites run in parallel and every server
 * serves this one folder: a build empties it first, so a second build while another suite's page
 * loads answered that page 404 (index.html or its script missing) and it never rendered. One build
 * at a time (a lock across the workers), and none when an earlier suite already built the sources.
 */
export async function buildClient(): Promise<void> {
  const client = path.join(repoRoot, 'client');
  const lock = path.join(tmpdir(), `kier-client-build-${createHash('sha256').update(repoRoot).digest('hex').slice(0, 12)}.lock`);
  await withLock(lock, 180_000, async () => {
    if (!clientIsStale(client)) return;
    // As `npm start` builds it (start.ts): a child with NODE_ENV=production, not this test process,
    // whose NODE_ENV=test gives a larger development bundle that `npm start` would then serve.
    await new Promise<void>((resolve, reject) => {
      const child = spawn(process.execPath, [path.join(repoRoot, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'client/vite.config.ts', '--logLevel', 'warn'], {
        cwd: repoRoot,
        env: { ...process.env, NODE_ENV: 'production' },
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.once('error', reject);
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`vite build exited with ${code}`))));
    });
  });
}
