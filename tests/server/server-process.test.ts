import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

// server.ts as a real process: it stops cleanly on SIGTERM, and also when whatever started it
// (npm's shell) goes away without passing the signal on.

const root = path.resolve(import.meta.dirname, '../..');
const dirs: string[] = [];
const procs: ChildProcess[] = [];

afterEach(() => {
  for (const p of procs.splice(0)) if (p.exitCode === null) p.kill('SIGKILL');
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function env(): NodeJS.ProcessEnv {
  const dir = mkdtempSync(path.join(tmpdir(), 'kier-proc-'));
  dirs.push(dir);
  return { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, LOG_PRETTY: 'false', LOG_LEVEL: 'info', PATIENT_VOICE: 'offline', CODER_MODE: 'rules', OPENAI_API_KEY: '' };
}

function waitFor(p: ChildProcess, out: { text: string }, pattern: RegExp, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${pattern}; output:\n${out.text}`)), ms);
    const check = () => {
      if (pattern.test(out.text)) {
        clearTimeout(timer);
        resolve();
      }
    };
    p.stdout?.on('data', check);
    p.stderr?.on('data', check);
    check();
  });
}

function collect(p: ChildProcess): { text: string } {
  const out = { text: '' };
  p.stdout?.on('data', (c) => (out.text += String(c)));
  p.stderr?.on('data', (c) => (out.text += String(c)));
  return out;
}

const exited = (p: ChildProcess) => new Promise<number | null>((resolve) => (p.exitCode !== null ? resolve(p.exitCode) : p.once('exit', (code) => resolve(code))));

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('the server process', () => {
  it('shuts down gracefully on SIGTERM with exit code 0', async () => {
    const p = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], { cwd: root, env: env() });
    procs.push(p);
    const out = collect(p);
    await waitFor(p, out, /Server listening/, 60_000);
    p.kill('SIGTERM');
    expect(await exited(p)).toBe(0);
    expect(out.text).toMatch(/"signal":"SIGTERM".*shutting down/);
  }, 90_000);

  it('stops when the shell that started it is killed without passing the signal on', async () => {
    // As under `npm start`: npm → sh → node. Killing sh leaves node re-parented.
    const sh = spawn('sh', ['-c', `"${process.execPath}" --import tsx server/server.ts; true`], { cwd: root, env: env() });
    procs.push(sh);
    const out = collect(sh);
    await waitFor(sh, out, /Server listening/, 60_000);
    const pid = Number(/"pid":(\d+)/.exec(out.text)?.[1]);
    expect(pid).toBeGreaterThan(0);
    sh.kill('SIGKILL');
    const deadline = Date.now() + 10_000;
    while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    expect(alive(pid)).toBe(false);
  }, 90_000);
});
