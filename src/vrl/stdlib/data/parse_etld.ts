import { readFileSync } from 'node:fs';
import { FunctionCompileError, optional, required, type FunctionDef } from '../function.js';
import { K, Kind } from '../../types/index.js';
import { isBytes, toText, VrlError } from '../../value/index.js';
import { publicSuffix, SuffixList } from './psl.js';

function loadList(args: Parameters<FunctionDef['compile']>[0]): SuffixList | undefined {
  const arg = args[2];
  if (arg === undefined) return undefined;
  if (arg.constant === undefined)
    throw new FunctionCompileError(402, 'expected static expression for argument "psl"', 2);
  const value = arg.constant.value;
  if (!isBytes(value)) {
    throw new FunctionCompileError(403, 'invalid argument "psl"', 2, ['error: psl should be a string']);
  }
  // A relative path is resolved against the working directory, as VRL's `std::fs::read_to_string` does.
  const path = toText(value);
  const invalid = (error: string) =>
    new FunctionCompileError(403, 'invalid argument "psl"', 2, [
      `received: ${displayString(path)}`,
      `error: ${error}`,
    ]);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw invalid('Unable to read psl file');
  }
  const list = SuffixList.parse(text);
  if (!list) throw invalid('Unable to parse psl file');
  return list;
}

/** A string as VRL displays a bytes value: double-quoted, with `\\`, `"` and newlines escaped. */
function displayString(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"').replaceAll('\n', '\\n')}"`;
}

export const parse_etld: FunctionDef = {
  name: 'parse_etld',
  parameters: [required('value', K.BYTES), optional('plus_parts', K.INTEGER), optional('psl', K.BYTES)],
  compile(args) {
    const list = loadList(args);
    return {
      kind: Kind.object({ etld: Kind.bytes(), etld_plus: Kind.bytes(), known_suffix: Kind.boolean() }),
      fallible: true,
      pure: true,
      call(value, plusParts) {
        const domain = toText(value as string | Uint8Array);
        const plus =
          plusParts === undefined || plusParts === null || (plusParts as bigint) < 0n ? 0 : Number(plusParts);
        const found = publicSuffix(domain, list);
        if (!found) throw new VrlError(`unable to determine eTLD for ${domain}`);
        const parts = found.suffix.split('.').length;
        const labels = domain.split('.');
        const etldPlus = labels.slice(Math.max(0, labels.length - (parts + plus))).join('.');
        return { etld: found.suffix, etld_plus: etldPlus, known_suffix: found.known };
      },
    };
  },
  examples: [
    {
      title: 'Parse eTLD',
      source: 'parse_etld!("sub.sussex.ac.uk")',
      result: '{ "etld": "ac.uk", "etld_plus": "ac.uk", "known_suffix": true }',
    },
    {
      title: 'Parse eTLD+1',
      source: 'parse_etld!("sub.sussex.ac.uk", plus_parts: 1)',
      result: '{ "etld": "ac.uk", "etld_plus": "sussex.ac.uk", "known_suffix": true }',
    },
    {
      title: 'Parse eTLD with unknown suffix',
      source: 'parse_etld!("vector.acmecorp")',
      result: '{ "etld": "acmecorp", "etld_plus": "acmecorp", "known_suffix": false }',
    },
  ],
};
