export { LakewatchMetrics } from './metrics.js';
