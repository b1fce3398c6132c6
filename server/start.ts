import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { clientIsStale } from './client-dist.ts';

// `npm start`: build the client when client/dist is missing or older than its sources, so a new
// user needs only `npm install && npm start`; then run the server.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const client = path.join(root, 'client');

if (existsSync(path.join(client, 'vite.config.ts')) && clientIsStale(client)) {
  process.stderr.write('kier: building the client (client/dist is missing or stale)…\n');
  const res = spawnSync('npx', ['vite', 'build', '--config', 'client/vite.config.ts'], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) {
    process.stderr.write('kier: the client build failed; starting with the API only\n');
  }
}

await import('./server.ts');
