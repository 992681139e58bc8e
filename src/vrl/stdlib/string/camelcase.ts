import { casingFunction, TARGET } from './support/casing.js';

export const camelcase = casingFunction('camelcase', TARGET.camel, [
  {
    title: 'camelCase a string without specifying original case',
    source: 'camelcase("input-string")',
    result: '"inputString"',
  },
  {
    title: 'camelcase a snake_case string',
    source: 'camelcase("foo_bar_baz", "snake_case")',
    result: '"fooBarBaz"',
  },
  {
    title: 'camelcase specifying the wrong original case (noop)',
    source: 'camelcase("foo_bar_baz", "kebab-case")',
    result: '"foo_bar_baz"',
  },
]);
