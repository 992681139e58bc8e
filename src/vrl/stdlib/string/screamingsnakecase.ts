import { casingFunction, TARGET } from './support/casing.js';

export const screamingsnakecase = casingFunction('screamingsnakecase', TARGET.screamingSnake, [
  {
    title: 'SCREAMING_SNAKE_CASE a string without specifying original case',
    source: 'screamingsnakecase("input-string")',
    result: '"INPUT_STRING"',
  },
  {
    title: 'SCREAMING_SNAKE_CASE a snake_case string',
    source: 'screamingsnakecase("foo_bar_baz", "snake_case")',
    result: '"FOO_BAR_BAZ"',
  },
  {
    title:
      "SCREAMING_SNAKE_CASE specifying the wrong original case (capitalizes but doesn't include `_` properly)",
    source: 'screamingsnakecase("FooBarBaz", "kebab-case")',
    result: '"FOOBARBAZ"',
  },
]);
