/** Alert engine: rule matches → alerts with Matano's grouping, dedupe window and threshold. */
export { openAlertStore, type AlertStore } from './store.js';
export { ruleMatchId, alertId } from './ids.js';
export { SEVERITIES } from './severity.js';
export type {
  Alert,
  AlertChange,
  AlertSettings,
  ListFilters,
  ProcessResult,
  RuleMatch,
  RuleMatchInput,
  SettingsByDetection,
  Severity,
} from './types.js';
