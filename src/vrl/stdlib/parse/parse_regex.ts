import { optional, required, type FunctionDef } from '../function.js';
import { K } from '../../types/kind.js';
import { VrlError } from '../../value/errors.js';
import { VrlRegex, type Value } from '../../value/value.js';
import { constantOf, textOf } from './args.js';
import { capturesToObject, DYNAMIC_MATCH_KIND, regexMatchKind } from './regex-captures.js';

export const parse_regex: FunctionDef = {
  name: 'parse_regex',
  parameters: [
    required('value', K.BYTES),
    required('pattern', K.REGEX),
    optional('numeric_groups', K.BOOLEAN),
  ],
  compile(args) {
    const pattern = constantOf(args, 1);
    return {
      kind: pattern instanceof VrlRegex ? regexMatchKind(pattern.compiled) : DYNAMIC_MATCH_KIND,
      fallible: true,
      pure: true,
      call: (value: Value | undefined, regex?: Value, numeric?: Value) => {
        const compiled = (regex as VrlRegex).compiled;
        const re = compiled.regex;
        const m = (re.global || re.sticky ? new RegExp(re.source, re.flags.replace(/[gy]/g, '')) : re).exec(
          textOf(value),
        );
        if (!m) throw new VrlError('could not find any pattern matches');
        return capturesToObject(m, compiled, numeric === true);
      },
    };
  },
  examples: [
    {
      title: 'Parse using Regex (with capture groups)',
      source: `parse_regex!("first group and second group.", r'(?P<number>.*?) group')`,
      result: '{"number": "first"}',
    },
    {
      title: 'Parse using Regex (without capture groups)',
      source: `parse_regex!("first group and second group.", r'(\\w+) group', numeric_groups: true)`,
      result: '{"0": "first group", "1": "first"}',
    },
    {
      title: 'Parse using Regex with simple match',
      source: `parse_regex!("8.7.6.5 - zorp", r'^(?P<host>[\\w\\.]+) - (?P<user>[\\w]+)')`,
      result: '{"host": "8.7.6.5", "user": "zorp"}',
    },
    {
      title: 'Parse using Regex with all numeric groups',
      source: `parse_regex!("8.7.6.5 - zorp", r'^(?P<host>[\\w\\.]+) - (?P<user>[\\w]+)', numeric_groups: true)`,
      result: '{"0": "8.7.6.5 - zorp", "1": "8.7.6.5", "2": "zorp", "host": "8.7.6.5", "user": "zorp"}',
    },
    {
      title: 'Parse using Regex with variables',
      source: `variable = r'^(?P<host>[\\w\\.]+) - (?P<user>[\\w]+)';\nparse_regex!("8.7.6.5 - zorp", variable)`,
      result: '{"host": "8.7.6.5", "user": "zorp"}',
    },
  ],
};
