/** The `unit` enum of `from_unix_timestamp` / `to_unix_timestamp`. */
export const TIME_UNITS = ['seconds', 'milliseconds', 'microseconds', 'nanoseconds'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];
