/** An `ecs_field_names` entry that is neither an ECS field nor a field set. */
export interface UnknownEcsName {
  name: string;
  /** Position in the `ecsFieldNames` list given to `buildTableSchema`. */
  index: number;
  /** Nearest valid names (Levenshtein), nearest first; may be empty. */
  suggestions: string[];
}

/** Thrown by `buildTableSchema` for unknown ECS names; lists every unknown name at once. */
export class EcsFieldError extends Error {
  readonly unknown: UnknownEcsName[];

  constructor(unknown: UnknownEcsName[]) {
    super(
      unknown
        .map(
          (u) =>
            `unknown ECS field or field set \`${u.name}\`` +
            (u.suggestions.length > 0
              ? ` (did you mean ${u.suggestions.map((s) => `\`${s}\``).join(', ')}?)`
              : ''),
        )
        .join('; '),
    );
    this.name = 'EcsFieldError';
    this.unknown = unknown;
  }
}

/** A schema that cannot be built (e.g. a custom `ts` that is not a timestamp). */
export class SchemaBuildError extends Error {
  /** Dotted path of the offending field. */
  readonly field: string;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.name = 'SchemaBuildError';
    this.field = field;
  }
}
