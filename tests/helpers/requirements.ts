import { existsSync } from 'node:fs';
import net from 'node:net';

// External parts (Chromium, PostgreSQL, Redis, the AnnoMI dev set) are optional on a user's
// machine: their suites skip with a visible notice. In CI (CI=true) a missing part fails the run.
// This file reads process.env because it is test infrastructure, not the app (see server/config.ts).

export const inCI = process.env.CI === 'true' || process.env.CI === '1';

function notice(what: string, why: string): void {
  const msg = `[kier tests] SKIPPING ${what}: ${why}`;
  if (inCI) throw new Error(`${msg} — required in CI`);
  // Printed to stderr so it shows in the vitest output even with the default reporter.
  process.stderr.write(`\n${msg}\n`);
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

export function hasChromium(): boolean {
  if (existsSync(CHROMIUM_PATH)) return true;
  notice('browser tests', `no Chromium at ${CHROMIUM_PATH} (apt-get install -y chromium)`);
  return false;
}

function canConnect(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(1000, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

/** The PostgreSQL URL for store suites, or undefined (with a notice) when none is configured/reachable. */
export async function postgresUrl(): Promise<string | undefined> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    notice('PostgreSQL suites', 'DATABASE_URL is not set (e.g. postgres://postgres@127.0.0.1:5432/test)');
    return undefined;
  }
  const u = new URL(url);
  if (!(await canConnect(u.hostname, Number(u.port || 5432)))) {
    notice('PostgreSQL suites', `cannot reach ${u.hostname}:${u.port || 5432}`);
    return undefined;
  }
  return url;
}

/** The Redis URL for suites that use it, or undefined (with a notice). */
export async function redisUrl(): Promise<string | undefined> {
  const url = process.env.REDIS_URL;
  if (!url) {
    notice('Redis suites', 'REDIS_URL is not set (e.g. redis://127.0.0.1:6379)');
    return undefined;
  }
  const u = new URL(url);
  if (!(await canConnect(u.hostname, Number(u.port || 6379)))) {
    notice('Redis suites', `cannot reach ${u.hostname}:${u.port || 6379}`);
    return undefined;
  }
  return url;
}

export const ANNOMI_DEV = new URL('../../../shared/data/annomi/dev.csv', import.meta.url).pathname;

export function hasAnnomi(): boolean {
  if (existsSync(ANNOMI_DEV)) return true;
  notice('AnnoMI dev-set regression', `${ANNOMI_DEV} is absent`);
  return false;
}
