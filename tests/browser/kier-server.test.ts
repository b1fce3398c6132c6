import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDataDir, startKierServer, tempDataDir } from './kier-server.ts';

// The browser suites run beside many other suites that listen on ports the OS picks. The helper
// must only hand out a server the child process itself is listening on: another process that
// answers /readyz on the same port must not pass for it.

describe('startKierServer', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeDataDir));

  it('refuses a port another process holds, even when that process answers /readyz', async () => {
    const squatter = http.createServer((_req, res) => res.writeHead(200).end('{"status":"ok"}'));
    await new Promise<void>((r) => squatter.listen(0, '127.0.0.1', r));
    const port = (squatter.address() as AddressInfo).port;
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    try {
      await expect(startKierServer({ dataDir, port })).rejects.toThrow(/server exited|EADDRINUSE/);
    } finally {
      squatter.close();
    }
  }, 60_000);

  it('starts on a port the OS picks and reports the one the child listens on', async () => {
    const dataDir = tempDataDir();
    dirs.push(dataDir);
    const srv = await startKierServer({ dataDir });
    try {
      expect(srv.port).toBeGreaterThan(0);
      expect(srv.url).toBe(`http://127.0.0.1:${srv.port}`);
      expect(srv.output()).toContain(`Server listening at ${srv.url}`);
      const res = await fetch(`${srv.url}/readyz`);
      expect(res.status).toBe(200);
    } finally {
      await srv.stop();
    }
  }, 60_000);
});
