/**
 * The Iceberg JDBC catalog's tables, exactly as Java's JdbcCatalog (JdbcUtil, schema V1) and
 * pyiceberg's SqlCatalog create them, so other engines can open a Lakewatch catalog directly.
 */
export const TABLES_TABLE = 'iceberg_tables';
export const NAMESPACE_PROPERTIES_TABLE = 'iceberg_namespace_properties';

export const CATALOG_DDL = [
  `CREATE TABLE IF NOT EXISTS ${TABLES_TABLE} (
  catalog_name VARCHAR(255) NOT NULL,
  table_namespace VARCHAR(255) NOT NULL,
  table_name VARCHAR(255) NOT NULL,
  metadata_location VARCHAR(1000),
  previous_metadata_location VARCHAR(1000),
  iceberg_type VARCHAR(5),
  PRIMARY KEY (catalog_name, table_namespace, table_name)
)`,
  `CREATE TABLE IF NOT EXISTS ${NAMESPACE_PROPERTIES_TABLE} (
  catalog_name VARCHAR(255) NOT NULL,
  namespace VARCHAR(255) NOT NULL,
  property_key VARCHAR(255),
  property_value VARCHAR(1000),
  PRIMARY KEY (catalog_name, namespace, property_key)
)`,
];

/** Java's JdbcCatalog marks a namespace's existence with this property. */
export const NAMESPACE_EXISTS_PROPERTY = 'exists';
