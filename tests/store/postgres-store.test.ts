import { openPostgresTestDb } from './open-test-db.ts';
import { storeSuite } from './store-suite.ts';

// A schema of its own per run, so parallel files and earlier runs never meet; dropped afterwards.
storeSuite('store on PostgreSQL', openPostgresTestDb);
