import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

// `npm start`: build the client when client/dist is missing or older than its sources, so a new
// user needs only `npm install && npm start`; then run the server.

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const client = path.join(root, 'client');
const builtIndex = path.join(client, 'dist', 'index.html');

function newestMtime(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

function clientIsStale(): boolean {
  if (!existsSync(builtIndex)) return true;
  const built = statSync(builtIndex).mtimeMs;
  const sources = [path.join(client, 'src'), path.join(client, 'index.html'), path.join(client, 'vite.config.ts')].filter(existsSync);
  return sources.some((s) => newestMtime(s) > built);
}

if (existsSync(path.join(client, 'vite.config.ts')) && clientIsStale()) {
  process.stderr.write('kier: building the client (client/dist is missing or stale)…\n');
  const res = spawnSync('npx', ['vite', 'build', '--config', 'client/vite.config.ts'], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) {
    process.stderr.write('kier: the client build failed; starting with the API only\n');
  }
}

await import('./server.ts');
