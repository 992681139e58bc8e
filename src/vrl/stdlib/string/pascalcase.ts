import { casingFunction, TARGET } from './support/casing.js';

export const pascalcase = casingFunction('pascalcase', TARGET.pascal, [
  {
    title: 'PascalCase a string without specifying original case',
    source: 'pascalcase("input-string")',
    result: '"InputString"',
  },
  {
    title: 'PascalCase a snake_case string',
    source: 'pascalcase("foo_bar_baz", "snake_case")',
    result: '"FooBarBaz"',
  },
  {
    title: 'PascalCase specifying the wrong original case (only capitalizes)',
    source: 'pascalcase("foo_bar_baz", "kebab-case")',
    result: '"Foo_bar_baz"',
  },
]);
