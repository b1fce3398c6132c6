import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDb, type Db } from '../../server/store/index.ts';
import { postgresUrl } from '../helpers/requirements.ts';

// Fresh databases for store tests: PGlite in a temp folder, or a PostgreSQL schema of its own per
// call (so parallel files and earlier runs never meet), removed again by `cleanup`.

export interface TestDb {
  db: Db;
  cleanup: () => Promise<void>;
}

export async function openPgliteTestDb(prefix = 'kier-store-'): Promise<TestDb> {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const db = await openDb({ dataDir: path.join(dir, 'data') });
  return {
    db,
    cleanup: async () => {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A new schema name; `dropSchema` removes it with everything in it. */
export function testSchemaName(prefix = 'kier_test'): string {
  return `${prefix}_${randomBytes(6).toString('hex')}`;
}

export async function dropSchema(url: string, schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  await c.end();
}

/** undefined when no PostgreSQL is configured (the caller's suite then skips). */
export async function openPostgresTestDb(): Promise<TestDb | undefined> {
  const url = await postgresUrl();
  if (!url) return undefined;
  const schema = testSchemaName();
  const db = await openDb({ databaseUrl: url, dataDir: '', schema });
  return {
    db,
    cleanup: async () => {
      await db.close();
      await dropSchema(url, schema);
    },
  };
}
