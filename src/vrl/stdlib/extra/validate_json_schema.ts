import { optional, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { toBytes, toText, VrlError, type Value } from '../../value/index.js';
import { parseVrlJson } from '../../value/index.js';
import { staticText } from './args.js';
import { SchemaDefinition, validateJson } from './json_schema/validator.js';

const SCHEMAS = 'src/vrl/stdlib/extra/json_schema/testdata';

function parseInstance(value: Value): Value {
  let bytes = toBytes(value as string | Uint8Array);
  if (bytes.length === 0) throw new VrlError('Empty JSON value');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  if (bytes.length === 0) return null;
  try {
    return parseVrlJson(toText(bytes));
  } catch (e) {
    throw new VrlError(`Invalid JSON: ${(e as Error).message}`);
  }
}

/**
 * `validate_json_schema(value, schema_definition, [ignore_unknown_formats])`: does the JSON text conform to
 * the JSON Schema in the (static) file? `true`, or an error listing every violation.
 */
export const validate_json_schema: FunctionDef = {
  name: 'validate_json_schema',
  parameters: [
    required('value', K.BYTES),
    required('schema_definition', K.BYTES),
    optional('ignore_unknown_formats', K.BOOLEAN),
  ],
  compile(args) {
    const schema = new SchemaDefinition(staticText(args, 1, 'schema_definition') ?? '');
    return {
      kind: Kind.boolean(),
      fallible: true,
      pure: false,
      call(value, _path, ignoreUnknownFormats) {
        const instance = parseInstance(value!);
        const validator = schema.validator(ignoreUnknownFormats === true);
        if (typeof validator === 'string') throw new VrlError(validator);
        const errors = validateJson(validator, instance);
        if (errors.length > 0) throw new VrlError(`JSON schema validation failed: ${errors.join(', ')}`);
        return true;
      },
    };
  },
  examples: [
    {
      title: 'Payload contains a valid email',
      source: `validate_json_schema!(s'{ "productUser": "valid@email.com" }', "${SCHEMAS}/email_format.json", false)`,
      result: 'true',
    },
    {
      title: 'Payload contains an invalid email',
      source: `validate_json_schema!(s'{ "productUser": "invalidEmail" }', "${SCHEMAS}/email_format.json", false)`,
      error: 'JSON schema validation failed: "invalidEmail" is not a "email" at /productUser',
    },
    {
      title: 'Payload contains a custom format declaration',
      source: `validate_json_schema!(s'{ "productUser": "a-custom-formatted-string" }', "${SCHEMAS}/custom_format.json", false)`,
      error:
        "Failed to compile schema: Unknown format: 'my-custom-format'. Adjust configuration to ignore unrecognized formats",
    },
    {
      title: 'Payload contains a custom format declaration, with ignore_unknown_formats set to true',
      source: `validate_json_schema!(s'{ "productUser": "a-custom-formatted-string" }', "${SCHEMAS}/custom_format.json", true)`,
      result: 'true',
    },
  ],
};
