import { mkdirSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { MIGRATIONS, type Migration } from './migrations.ts';

// One store interface, two real backends: embedded PGlite (a directory) or PostgreSQL (a URL).
// Both speak the same SQL; repositories only see `query`.

export type Row = Record<string, unknown>;

export interface Queryable {
  query<T extends Row = Row>(sql: string, params?: unknown[]): Promise<T[]>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface DbOptions {
  databaseUrl?: string | undefined;
  dataDir: string;
  /** PostgreSQL only: run in this schema (created when missing); tests use one per file. */
  schema?: string;
}

export class StoreUnavailableError extends Error {}

export async function openDb(opts: DbOptions): Promise<Db> {
  const db = opts.databaseUrl ? await openPostgres(opts.databaseUrl, opts.schema) : await openPglite(opts.dataDir);
  try {
    await migrate(db);
  } catch (err) {
    await db.close();
    throw err;
  }
  return db;
}

async function openPglite(dataDir: string): Promise<Db> {
  mkdirSync(dataDir, { recursive: true });
  const lite = await PGlite.create(dataDir);
  let closed = false;
  // PGlite runs one statement at a time; a transaction holds it exclusively, so plain queries
  // wait for it (PGlite serialises internally).
  return {
    kind: 'pglite',
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      if (closed) throw new StoreUnavailableError('store is closed');
      const res = await lite.query<T>(sql, params);
      return res.rows;
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      if (closed) throw new StoreUnavailableError('store is closed');
      return lite.transaction(async (tx) =>
        fn({
          async query<R extends Row>(sql: string, params: unknown[] = []) {
            return (await tx.query<R>(sql, params)).rows;
          },
        }),
      );
    },
    async close() {
      if (closed) return;
      closed = true;
      await lite.close();
    },
  };
}

function quoteIdent(s: string): string {
  if (!/^[a-z_][a-z0-9_]*$/i.test(s)) throw new Error(`invalid schema name: ${s}`);
  return `"${s}"`;
}

async function openPostgres(url: string, schema?: string): Promise<Db> {
  if (schema) {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    try {
      await c.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
    } finally {
      await c.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  });
  // An idle client losing its connection must not crash the process.
  pool.on('error', () => {});
  let closed = false;
  return {
    kind: 'postgres',
    async query<T extends Row>(sql: string, params: unknown[] = []) {
      if (closed) throw new StoreUnavailableError('store is closed');
      const res = await pool.query(sql, params);
      return res.rows as T[];
    },
    async transaction<T>(fn: (tx: Queryable) => Promise<T>) {
      if (closed) throw new StoreUnavailableError('store is closed');
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const out = await fn({
          async query<R extends Row>(sql: string, params: unknown[] = []) {
            return (await client.query(sql, params)).rows as R[];
          },
        });
        await client.query('COMMIT');
        return out;
      } catch (err) {
        await client.query('ROLLBACK').catch(() => {});
        throw err;
      } finally {
        client.release();
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** Applies the migrations not yet recorded, each in its own transaction. Returns the ids applied. */
export async function migrate(db: Db, migrations: readonly Migration[] = MIGRATIONS): Promise<number[]> {
  await db.query(
    `CREATE TABLE IF NOT EXISTS migrations (id integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`,
  );
  const done = new Set((await db.query<{ id: number }>('SELECT id FROM migrations')).map((r) => Number(r.id)));
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.id - b.id)) {
    if (done.has(m.id)) continue;
    await db.transaction(async (tx) => {
      for (const stmt of splitStatements(m.sql)) await tx.query(stmt);
      await tx.query('INSERT INTO migrations (id, name) VALUES ($1, $2)', [m.id, m.name]);
    });
    applied.push(m.id);
  }
  return applied;
}

// Extended-protocol queries take one statement each; migrations hold no semicolons inside strings.
function splitStatements(sql: string): string[] {
  return sql
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
