/** What maintenance operations need from the lake. */
import type { Catalog, TableIdentifier } from '../catalog/catalog.js';
import type { ObjectStore } from '../io/object-store.js';
import type { DuckEngine } from '../parquet/engine.js';

export interface MaintenanceContext {
  catalog: Catalog;
  store: ObjectStore;
  engine: DuckEngine;
  tmpDir: string;
  id: TableIdentifier;
}
