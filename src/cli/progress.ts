import cliProgress from 'cli-progress';
import type { IngestProgress } from '../pipeline/index.js';
import { formatBytes } from '../util/index.js';

/** A progress bar on stderr (only when it is a terminal): files, bytes, events/s. */
export function ingestProgressBar(enabled: boolean): { update(p: IngestProgress): void; stop(): void } {
  if (!enabled || !process.stderr.isTTY) return { update() {}, stop() {} };
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      format:
        ' {bar} {percentage}% | {files} files | {bytes} | {events} events | {rate} events/s | {current}',
      barsize: 24,
      hideCursor: true,
      clearOnComplete: true,
      stream: process.stderr,
    },
    cliProgress.Presets.shades_classic,
  );
  let startedBar = false;
  return {
    update(p) {
      const payload = {
        files: `${p.filesDone}/${p.filesTotal}`,
        bytes: `${formatBytes(p.bytesRead)}/${formatBytes(p.bytesTotal)}`,
        events: p.records.toLocaleString('en-US'),
        rate: Math.round(p.records / Math.max(0.001, (Date.now() - started) / 1000)).toLocaleString('en-US'),
        current: p.currentInput ? p.currentInput.split('/').pop() : '',
      };
      if (!startedBar) {
        bar.start(Math.max(1, p.bytesTotal), p.bytesRead, payload);
        startedBar = true;
      } else {
        bar.setTotal(Math.max(1, p.bytesTotal));
        bar.update(p.bytesRead, payload);
      }
    },
    stop() {
      if (startedBar) bar.stop();
    },
  };
}
