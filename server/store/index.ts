export { openDb, migrate, StoreUnavailableError, type Db, type DbOptions, type Queryable, type Row } from './db.ts';
export { MIGRATIONS, type Migration } from './migrations.ts';
export * from './repositories.ts';
