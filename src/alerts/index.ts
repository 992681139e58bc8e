/**
 * Alert engine: rule matches → alerts with Matano's grouping, dedupe window and threshold; the
 * `lakewatch_alerts` table; destinations and delivery live in `./destinations`.
 */
export { openAlertStore, type AlertStore, type MatchCount } from './store.js';
export { ruleMatchId, alertId } from './ids.js';
export { SEVERITIES } from './severity.js';
export { ALERT_STATUSES, AlertStatusConflictError, isAlertStatus } from './status.js';
export type { AlertStatus, AlertStatusChange } from './status.js';
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
export { ALERTS_TABLE, ALERTS_PARTITIONING, alertRow, alertsTableSchema } from './table.js';
