/**
 * Readable stack traces for detections loaded from in-memory modules: frames in a detection's
 * bundle are mapped back to its source files (detect.ts, helpers) through the bundle's source
 * map; frames of the worker runtime itself are left out.
 */
import { SourceMap, type SourceMapPayload } from 'node:module';
import path from 'node:path';

const modules = new Map<string, { dir: string; map: SourceMap }>();
const hidden = new Set<string>();

/** A bundle loaded from `url`; `dir` is the directory its source map's paths are relative to. */
export function registerBundle(url: string, dir: string, mapJson: string): void {
  modules.set(url, { dir, map: new SourceMap(JSON.parse(mapJson) as SourceMapPayload) });
}

function header(err: unknown): string {
  try {
    return Error.prototype.toString.call(err);
  } catch {
    return 'Error';
  }
}

function frame(site: NodeJS.CallSite): string | undefined {
  const text = site.toString();
  const file = site.getFileName();
  if (!file) return text;
  if (hidden.has(file) || /^node:internal\/(modules|process\/task_queues)/.test(file)) return undefined;
  const mod = modules.get(file);
  if (!mod) return text;
  const line = site.getLineNumber();
  const col = site.getColumnNumber();
  if (line === null || col === null) return text.split(file).join('<detection>');
  const entry = mod.map.findEntry(line - 1, col - 1);
  const where =
    'originalSource' in entry
      ? `${path.resolve(mod.dir, entry.originalSource)}:${entry.originalLine + 1}:${entry.originalColumn + 1}`
      : '<detection>';
  return text.replace(`${file}:${line}:${col}`, where);
}

/** Installs the stack formatting in this thread; `ownUrl` (the worker's module) is hidden. */
export function installStackTraces(ownUrl: string): void {
  hidden.add(ownUrl);
  Error.prepareStackTrace = (err, sites) => {
    let out = header(err);
    for (const site of sites) {
      const f = frame(site);
      if (f !== undefined) out += '\n    at ' + f;
    }
    return out;
  };
}
