import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

/** Builds the client into client/dist with the project's Vite config (what the server serves). */
export async function buildClient(): Promise<void> {
  const { build } = await import('vite');
  await build({ configFile: path.join(repoRoot, 'client/vite.config.ts'), logLevel: 'warn' });
}
