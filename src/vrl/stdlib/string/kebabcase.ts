import { casingFunction, TARGET } from './support/casing.js';

export const kebabcase = casingFunction('kebabcase', TARGET.kebab, [
  {
    title: 'kebab-case a string without specifying original case',
    source: 'kebabcase("InputString")',
    result: '"input-string"',
  },
  {
    title: 'kebab-case a snake_case string',
    source: 'kebabcase("foo_bar_baz", "snake_case")',
    result: '"foo-bar-baz"',
  },
  {
    title: 'kebab-case specifying the wrong original case (noop)',
    source: 'kebabcase("foo_bar_baz", "PascalCase")',
    result: '"foo_bar_baz"',
  },
]);
