import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

// When client/dist must be built again: it is missing or older than the client's sources. One rule
// for `npm start` (server/start.ts) and the browser suites (tests/browser/kier-server.ts), so a
// suite that finds the client up to date never has start.ts rebuild it under another suite's server.

function newestMtime(p: string): number {
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const name of readdirSync(p)) newest = Math.max(newest, newestMtime(path.join(p, name)));
  return newest;
}

/**
 * `clientDir` is the client folder (with src/, index.html, vite.config.ts and the built dist/). The
 * client also imports schemas from the server (events, scores, transcript problems), so the
 * server's sources count too: a changed schema rebuilds the client.
 */
export function clientIsStale(clientDir: string): boolean {
  const builtIndex = path.join(clientDir, 'dist', 'index.html');
  if (!existsSync(builtIndex)) return true;
  const built = statSync(builtIndex).mtimeMs;
  const sources = [
    path.join(clientDir, 'src'),
    path.join(clientDir, 'index.html'),
    path.join(clientDir, 'vite.config.ts'),
    path.join(clientDir, '..', 'server'),
  ].filter(existsSync);
  return sources.some((s) => newestMtime(s) > built);
}
