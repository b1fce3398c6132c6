import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDb } from '../../server/store/index.ts';
import { storeSuite } from './store-suite.ts';

storeSuite('store on PGlite', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'kier-store-'));
  const db = await openDb({ dataDir: path.join(dir, 'data') });
  return {
    db,
    cleanup: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
