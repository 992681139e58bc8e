export { parseDuration, formatDuration, DurationError } from './duration.js';
export { formatBytes, formatCount } from './format.js';
export { packageRoot } from './package-root.js';
export { parseSize, SizeError, SIZE_PATTERN } from './size.js';
