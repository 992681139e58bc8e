/** Errors of the lake, named by meaning (one file, like pyiceberg's exceptions.py). */

export class LakeError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The table does not exist in the catalog. */
export class NoSuchTableError extends LakeError {}

/** A table with that name already exists. */
export class TableAlreadyExistsError extends LakeError {}

/** The namespace does not exist in the catalog. */
export class NoSuchNamespaceError extends LakeError {}

/** Commit failed because the table changed underneath: refresh and try again. */
export class CommitFailedError extends LakeError {}

/** The commit may or may not have landed (e.g. the connection broke during COMMIT). Do not clean up. */
export class CommitStateUnknownError extends LakeError {}

/** A schema change that Iceberg cannot apply without rewriting data; names the field. */
export class SchemaEvolutionError extends LakeError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`cannot evolve field '${field}': ${message}`);
  }
}

/** An ingest-ledger key was already committed (the input was ingested before). */
export class LedgerConflictError extends LakeError {
  constructor(readonly keys: string[]) {
    super(`input already committed: ${keys.join(', ')}`);
  }
}
