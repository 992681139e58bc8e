import path from 'node:path';
import { LocalObjectStore } from '../../io/local.js';
import { tempDir } from '../../test-helpers/helpers.js';
import { catalogSuite } from '../catalog.suite.js';
import { SqlCatalog } from './sql-catalog.js';
import { SqliteDriver } from './sqlite-driver.js';

catalogSuite('SQL catalog on SQLite', async () => {
  const { dir, cleanup } = await tempDir('lakewatch-catalog-');
  const file = path.join(dir, 'catalog.db');
  const open = () => SqlCatalog.open('lakewatch', new SqliteDriver(file), new LocalObjectStore());
  const catalog = await open();
  return {
    catalog,
    warehouse: path.join(dir, 'warehouse'),
    reopen: open,
    cleanup: async () => {
      await catalog.close();
      await cleanup();
    },
  };
});
