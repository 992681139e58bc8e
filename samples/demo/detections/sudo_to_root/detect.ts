import type { DetectionRecord } from 'lakewatch/detection';

export function detect(record: DetectionRecord): boolean {
  return (
    record.deepget('process.name') === 'sudo' &&
    record.deepget('user.effective.name') === 'root' &&
    record.deepget('user.name') !== 'root'
  );
}

export function title(record: DetectionRecord): string {
  return `${record.deepget('user.name')} ran commands as root on ${record.deepget('host.hostname')}`;
}

// One alert per user and host per day (the deduplication window).
export function dedupe(record: DetectionRecord): string {
  return `${record.deepget('user.name')}@${record.deepget('host.hostname')}`;
}

export function alert_context(record: DetectionRecord): Record<string, unknown> {
  return { command: record.deepget('process.command_line'), host: record.deepget('host.hostname') };
}
