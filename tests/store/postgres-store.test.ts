import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDb } from '../../server/store/index.ts';
import { postgresUrl } from '../helpers/requirements.ts';
import { storeSuite } from './store-suite.ts';

// A schema of its own per run, so parallel files and earlier runs never meet; dropped afterwards.
storeSuite('store on PostgreSQL', async () => {
  const url = await postgresUrl();
  if (!url) return undefined;
  const schema = `kier_test_${randomBytes(6).toString('hex')}`;
  const db = await openDb({ databaseUrl: url, dataDir: '', schema });
  return {
    db,
    cleanup: async () => {
      await db.close();
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await c.end();
    },
  };
});
