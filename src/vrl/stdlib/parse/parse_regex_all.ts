import { optional, required, type FunctionDef } from '../function.js';
import { Kind, K } from '../../types/kind.js';
import { VrlRegex, type Value } from '../../value/value.js';
import { constantOf, textOf } from './args.js';
import { capturesToObject, DYNAMIC_MATCH_KIND, regexMatchKind, rustMatches } from './regex-captures.js';

export const parse_regex_all: FunctionDef = {
  name: 'parse_regex_all',
  parameters: [
    required('value', K.BYTES),
    required('pattern', K.REGEX),
    optional('numeric_groups', K.BOOLEAN),
  ],
  compile(args) {
    const pattern = constantOf(args, 1);
    const element = pattern instanceof VrlRegex ? regexMatchKind(pattern.compiled) : DYNAMIC_MATCH_KIND;
    return {
      kind: Kind.array(element.orNull()),
      fallible: true,
      pure: true,
      call: (value: Value | undefined, regex?: Value, numeric?: Value) => {
        const compiled = (regex as VrlRegex).compiled;
        const out: Value[] = [];
        for (const m of rustMatches(compiled.regex, textOf(value)))
          out.push(capturesToObject(m, compiled, numeric === true));
        return out;
      },
    };
  },
  examples: [
    {
      title: 'Parse using Regex (all matches)',
      source: `parse_regex_all!("first group and second group.", r'(?P<number>\\w+) group', numeric_groups: true)`,
      result:
        '[{"number": "first", "0": "first group", "1": "first"}, {"number": "second", "0": "second group", "1": "second"}]',
    },
    {
      title: 'Parse using Regex (simple match)',
      source: `parse_regex_all!("apples and carrots, peaches and peas", r'(?P<fruit>[\\w\\.]+) and (?P<veg>[\\w]+)')`,
      result: '[{"fruit": "apples", "veg": "carrots"}, {"fruit": "peaches", "veg": "peas"}]',
    },
    {
      title: 'Parse using Regex (all numeric groups)',
      source: `parse_regex_all!("apples and carrots, peaches and peas", r'(?P<fruit>[\\w\\.]+) and (?P<veg>[\\w]+)', numeric_groups: true)`,
      result:
        '[{"fruit": "apples", "veg": "carrots", "0": "apples and carrots", "1": "apples", "2": "carrots"}, {"fruit": "peaches", "veg": "peas", "0": "peaches and peas", "1": "peaches", "2": "peas"}]',
    },
    {
      title: 'Parse using Regex with variables',
      source: `variable = r'(?P<fruit>[\\w\\.]+) and (?P<veg>[\\w]+)';\nparse_regex_all!("apples and carrots, peaches and peas", variable)`,
      result: '[{"fruit": "apples", "veg": "carrots"}, {"fruit": "peaches", "veg": "peas"}]',
    },
  ],
};
