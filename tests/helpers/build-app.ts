import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp, type BuildOptions, type KierApp } from '../../server/app.ts';
import { loadConfig, type Config } from '../../server/config.ts';

// The real app on a temp PGlite directory, offline (no LLM), silent logs. `restart()` closes it
// and builds it again on the same data directory, as after a server restart.

export interface TestApp {
  app: KierApp;
  config: Config;
  dataDir: string;
  /** Listens on 127.0.0.1:0 and returns the base URL (for socket.io clients). */
  listen(): Promise<string>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function buildTestApp(env: Record<string, string> = {}, opts: BuildOptions = {}): Promise<TestApp> {
  const dir = mkdtempSync(path.join(tmpdir(), 'kier-app-'));
  const dataDir = path.join(dir, 'data');
  const config = loadConfig(
    { NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: dataDir, CODER_MODE: 'rules', PATIENT_VOICE: 'offline', HOST: '127.0.0.1', PORT: '0', ...env },
    { isTTY: false },
  );
  const build = () => buildApp(config, { logger: false, authPerMinute: 1000, ...opts });
  const t: TestApp = {
    app: await build(),
    config,
    dataDir,
    async listen() {
      await t.app.listen({ host: '127.0.0.1', port: 0 });
      const { port } = t.app.server.address() as AddressInfo;
      return `http://127.0.0.1:${port}`;
    },
    async restart() {
      await t.app.close();
      t.app = await build();
    },
    async close() {
      await t.app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return t;
}

/** Signs up through the API and returns the cookie header value. */
export async function signup(app: KierApp, who: { name?: string; email: string; password?: string; locale?: 'nl' | 'en' }): Promise<string> {
  const res = await app.inject({
    method: 'POST',
    url: '/api/auth/signup',
    payload: { name: who.name ?? 'Student', email: who.email, password: who.password ?? 'correct horse', ...(who.locale ? { locale: who.locale } : {}) },
  });
  if (res.statusCode !== 201) throw new Error(`signup failed: ${res.statusCode} ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'kier_session');
  if (!cookie) throw new Error('no session cookie');
  return `kier_session=${cookie.value}`;
}
