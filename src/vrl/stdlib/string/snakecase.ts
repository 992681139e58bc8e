import { casingFunction, TARGET } from './support/casing.js';

export const snakecase = casingFunction(
  'snakecase',
  TARGET.snake,
  [
    { title: 'snake_case a string', source: 'snakecase("input-string")', result: '"input_string"' },
    {
      title: 'snake_case a string with original case',
      source: 'snakecase("input-string", original_case: "kebab-case")',
      result: '"input_string"',
    },
    {
      title: 'snake_case with excluded boundaries',
      source: 'snakecase("s3BucketDetails", excluded_boundaries: ["lower_digit"])',
      result: '"s3_bucket_details"',
    },
  ],
  true,
);
