import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { spawn } from 'node:child_process';
import { hash } from '@node-rs/argon2';
import { io as connect, type Socket } from 'socket.io-client';
import { buildApp } from '../../server/app.ts';
import { loadConfig } from '../../server/config.ts';
import type { Ack, ClientToServerEvents, ServerToClientEvents, SessionView } from '../../server/realtime/events.ts';
import { hashToken } from '../../server/services/auth-service.ts';
import { freePort, repoRoot } from '../browser/kier-server.ts';

// `npm run bench:load`: N simulated students, each on its own socket.io connection and session,
// sending a turn every INTERVAL ms against a real listening server (offline voice, embedded
// PGlite in a temp dir). Prints sessions held and p50/p99 from send to the coded ack and to the
// patient's reply. The server runs as a separate process (LOAD_IN_PROCESS=1: in this process,
// sharing its CPU with the clients). DATABASE_URL, when set, is passed on to it. Settings (env): LOAD_STUDENTS (default 200),
// LOAD_SECONDS (30), LOAD_INTERVAL_MS (5000).

const STUDENTS = Number(process.env.LOAD_STUDENTS ?? 200);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 30);
const INTERVAL = Number(process.env.LOAD_INTERVAL_MS ?? 5000);
const LINES = ['Wat brengt u hier vandaag?', 'U twijfelt of oefenen zin heeft.', 'Wat zou er beter worden als u meer beweegt?', 'Hoe belangrijk is het voor u, op een schaal van 0 tot 10?', 'U heeft al eerder iets geprobeerd.'];

type S = Socket<ServerToClientEvents, ClientToServerEvents>;

function pct(xs: number[], p: number): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

const dir = mkdtempSync(path.join(tmpdir(), 'kier-load-'));
const env: Record<string, string> = {
  LOG_LEVEL: 'warn',
  DATA_DIR: path.join(dir, 'data'),
  CODER_MODE: 'rules',
  PATIENT_VOICE: 'offline',
  TURN_RATE_PER_MINUTE: '1000',
  HTTP_RATE_PER_MINUTE: '100000',
};
if (process.env.DATABASE_URL) env.DATABASE_URL = process.env.DATABASE_URL;
// Emails carry a run id so repeated runs against one Postgres database do not collide.
const run = randomBytes(4).toString('hex');

// Accounts are made directly in the store (one shared hash) so the bench measures practice, not
// argon2. The store is opened here, seeded and closed before the server starts on the same data.
const seedApp = await buildApp(loadConfig(env, { isTTY: false }), { logger: false });
const scenarioId = seedApp.kier.practice.scenarios().find((s) => s.language === 'nl')!.id;
const passwordHash = await hash('load-bench-password');
const cookies: string[] = [];
for (let i = 0; i < STUDENTS; i++) {
  const u = await seedApp.kier.store.users.create({ email: `load-${run}-${i}@example.org`, name: `Load ${i}`, passwordHash, role: 'student', locale: 'nl' });
  const token = randomBytes(32).toString('base64url');
  await seedApp.kier.store.authSessions.create(hashToken(token), u.id, new Date(Date.now() + 3600_000));
  cookies.push(`kier_session=${token}`);
}
await seedApp.close();

// The server runs as its own process (as in production), so the simulated clients do not share
// its event loop. LOAD_IN_PROCESS=1 runs it in this process instead (an upper bound on latency).
let base: string;
let stopServer: () => Promise<void>;
if (process.env.LOAD_IN_PROCESS === '1') {
  const app = await buildApp(loadConfig(env, { isTTY: false }), { logger: false });
  await app.listen({ host: '127.0.0.1', port: 0 });
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  stopServer = () => app.close();
} else {
  const port = await freePort();
  const childEnv: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('OPENAI_') && k !== 'DATABASE_URL') childEnv[k] = v;
  Object.assign(childEnv, env, { NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), LOG_PRETTY: 'false' });
  let log = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], { cwd: repoRoot, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  child.stderr?.on('data', (d: Buffer) => (log = (log + d.toString()).slice(-4000)));
  base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${log}`);
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server not ready:\n${log}`);
    }
    try {
      if ((await fetch(`${base}/readyz`)).ok) break;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  stopServer = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null || child.signalCode !== null) return resolve();
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.kill('SIGTERM');
    });
}

const ackMs: number[] = [];
const replyMs: number[] = [];
let failures = 0;
const sockets: S[] = [];
const sessions: string[] = [];
for (const cookie of cookies) {
  const s: S = connect(base, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    s.once('connect', () => resolve());
    s.once('connect_error', reject);
  });
  const res = await new Promise<Ack<SessionView>>((resolve) => s.emit('session:start', { scenarioId }, resolve));
  if (!res.ok) throw new Error(`session:start failed: ${res.error.code}`);
  sockets.push(s);
  sessions.push(res.data.id);
}
process.stdout.write(`load: ${sockets.length} students connected, each with a session; sending for ${SECONDS} s every ${INTERVAL} ms\n`);

const end = Date.now() + SECONDS * 1000;
await Promise.all(
  sockets.map(async (s, i) => {
    await new Promise((r) => setTimeout(r, Math.random() * INTERVAL));
    let n = 0;
    while (Date.now() < end) {
      const t0 = performance.now();
      const replied = new Promise<void>((resolve) => s.once('patient:replied', () => resolve()));
      const res = await new Promise<Ack<unknown>>((resolve) =>
        s.timeout(15_000).emit('turn:send', { sessionId: sessions[i]!, text: LINES[n % LINES.length]!, clientTurnId: `t${n}` }, (err: Error | null, r: Ack<unknown>) =>
          resolve(err ? { ok: false, error: { code: 'unavailable', message: err.message } } : r),
        ),
      );
      if (!res.ok) failures++;
      else {
        ackMs.push(performance.now() - t0);
        await replied;
        replyMs.push(performance.now() - t0);
      }
      n++;
      const wait = INTERVAL - (performance.now() - t0);
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    }
  }),
);

const held = sockets.filter((s) => s.connected).length;
process.stdout.write(
  [
    `sessions held: ${held}/${STUDENTS}`,
    `turns: ${ackMs.length} ok, ${failures} failed`,
    `send→coded ack: p50 ${pct(ackMs, 50).toFixed(1)} ms, p99 ${pct(ackMs, 99).toFixed(1)} ms`,
    `send→patient reply: p50 ${pct(replyMs, 50).toFixed(1)} ms, p99 ${pct(replyMs, 99).toFixed(1)} ms`,
  ].join('\n') + '\n',
);
for (const s of sockets) s.disconnect();
await stopServer();
rmSync(dir, { recursive: true, force: true });
