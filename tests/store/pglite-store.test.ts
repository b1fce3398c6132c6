import { openPgliteTestDb } from './open-test-db.ts';
import { storeSuite } from './store-suite.ts';

storeSuite('store on PGlite', () => openPgliteTestDb());
