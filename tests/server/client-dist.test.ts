import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { clientIsStale } from '../../server/client-dist.ts';

// The one rule for rebuilding client/dist, shared by `npm start` and the browser suites (which
// must not rebuild a folder another suite's server is serving from).

describe('clientIsStale', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'kier-dist-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  const client = path.join(root, 'client');
  const at = (file: string, seconds: number) => {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, 'x');
    utimesSync(file, seconds, seconds);
  };

  it('is stale without a build, fresh after one, and stale again when a client or server source changes', () => {
    at(path.join(client, 'src', 'main.tsx'), 1000);
    at(path.join(root, 'server', 'rubric', 'schemas.ts'), 1000);
    expect(clientIsStale(client)).toBe(true);
    at(path.join(client, 'dist', 'index.html'), 2000);
    // Directories get the time of their last change too: set them in the past.
    for (const d of [path.join(client, 'src'), path.join(root, 'server'), path.join(root, 'server', 'rubric')]) utimesSync(d, 1000, 1000);
    expect(clientIsStale(client)).toBe(false);
    at(path.join(client, 'src', 'main.tsx'), 3000);
    expect(clientIsStale(client)).toBe(true);
    at(path.join(client, 'dist', 'index.html'), 4000);
    expect(clientIsStale(client)).toBe(false);
    at(path.join(root, 'server', 'rubric', 'schemas.ts'), 5000);
    expect(clientIsStale(client)).toBe(true);
  });
});
