/** A loaded table: name, metadata file location and metadata (immutable snapshot of state). */
import type { LoadedTable } from '../catalog/catalog.js';
import { currentSchema, defaultSpec } from '../iceberg/metadata.js';
import type { PartitionSpec, Schema, TableMetadata } from '../iceberg/types.js';

export interface Table {
  readonly name: string;
  readonly metadataLocation: string;
  readonly metadata: TableMetadata;
  schema(): Schema;
  spec(): PartitionSpec;
}

export class LoadedTableHandle implements Table {
  readonly name: string;
  readonly metadataLocation: string;
  readonly metadata: TableMetadata;
  constructor(loaded: LoadedTable) {
    this.name = loaded.identifier.name;
    this.metadataLocation = loaded.metadataLocation;
    this.metadata = loaded.metadata;
  }
  schema(): Schema {
    return currentSchema(this.metadata);
  }
  spec(): PartitionSpec {
    return defaultSpec(this.metadata);
  }
}
