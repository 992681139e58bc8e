/**
 * Splunk HTTP Event Collector bodies → lines per log source.
 *
 * `/services/collector/event` (and `/services/collector`): JSON objects one after the other
 * (`{…}{…}` or one per line), each `{"event": …, "time"?, "host"?, "source"?, "sourcetype"?,
 * "index"?, "fields"?}`. `/services/collector/raw`: lines of raw text.
 *
 * Routing: `?log_source=` when given; else the event's `sourcetype` when it names a log source;
 * else `?sourcetype=`. One request may feed several log sources.
 *
 * Events: an object `event` becomes that object's JSON text, exactly as sent. A string `event`
 * becomes a JSON line when the source takes JSON (`json`/`auto`) and the string parses to an
 * object, else a text line (one per line of the string). Other values (numbers, arrays) become
 * their JSON text as a text line. HEC metadata (`time`, `host`, `source`, `sourcetype`, `index`,
 * `fields`) is not stored: the event is the record, as with every other input.
 */
import { HEC, HttpIngestError, badBody, noData } from './errors.js';
import { frameBody, utf8Text, type SourceFormat } from './framing.js';
import {
  JsonScanError,
  jsonKind,
  objectMembers,
  oneLine,
  parseErrorMessage,
  scanValue,
  skipWs,
} from './json-text.js';

/** What goes to one log source: its lines (each ending in `\n`) and how many events they are. */
export interface SourceLines {
  logSource: string;
  lines: Buffer;
  events: number;
}

export interface HecRouting {
  /** Enabled log sources → `ingest.format`. */
  sources: ReadonlyMap<string, SourceFormat>;
  /** `?log_source=` */
  logSource?: string;
  /** `?sourcetype=` */
  sourcetype?: string;
}

const unknownTarget = (
  detail: string,
  sources: ReadonlyMap<string, SourceFormat>,
  event?: number,
): HttpIngestError =>
  new HttpIngestError(
    400,
    'rejected',
    `${detail}; known log sources: ${[...sources.keys()].join(', ') || '(none)'}`,
    {
      status: HEC.incorrectIndex,
      eventNumber: event,
    },
  );

/** `?log_source=` → that source, or 400 naming the known ones. */
export function checkLogSourceParam(routing: HecRouting): void {
  if (routing.logSource !== undefined && !routing.sources.has(routing.logSource))
    throw unknownTarget(
      `log_source ${JSON.stringify(routing.logSource)} is not a log source of this lake`,
      routing.sources,
    );
}

/** `/services/collector/raw`: every line goes to one log source. */
export function hecRaw(body: Buffer, routing: HecRouting): SourceLines[] {
  checkLogSourceParam(routing);
  const name = routing.logSource ?? routing.sourcetype;
  if (name === undefined || !routing.sources.has(name))
    throw unknownTarget(
      name === undefined
        ? 'raw events need ?log_source= or ?sourcetype= naming a log source'
        : `sourcetype ${JSON.stringify(name)} is not a log source of this lake (set ?log_source=)`,
      routing.sources,
    );
  const framed = frameBody(body, routing.sources.get(name) === 'json' ? 'ndjson' : 'text');
  return [{ logSource: name, lines: framed.lines, events: framed.events }];
}

/** `/services/collector/event`: validates every event, then groups their lines by log source. */
export function hecEvents(body: Buffer, routing: HecRouting): SourceLines[] {
  checkLogSourceParam(routing);
  const text = utf8Text(body);
  const bySource = new Map<string, string[]>();
  let p = skipWs(text, 0);
  if (p === text.length) throw noData('the body holds no event (only whitespace)');
  for (let n = 0; p < text.length; n++) {
    let end: number;
    try {
      end = scanValue(text, p);
    } catch (e) {
      if (e instanceof JsonScanError) throw badBody(`event ${n}: invalid JSON: ${e.message}`, at(n));
      throw e;
    }
    const slice = text.slice(p, end);
    let wrapper: unknown;
    try {
      wrapper = JSON.parse(slice);
    } catch (e) {
      throw badBody(`event ${n}: invalid JSON: ${parseErrorMessage(e)}`, at(n));
    }
    if (wrapper === null || typeof wrapper !== 'object' || Array.isArray(wrapper))
      throw badBody(`event ${n}: expected a JSON object, got ${jsonKind(wrapper)}`, at(n));
    const w = wrapper as Record<string, unknown>;
    if (!('event' in w))
      throw new HttpIngestError(400, 'rejected', `event ${n}: the "event" field is missing`, {
        status: HEC.eventRequired,
        eventNumber: n,
      });
    if (w.event === null || w.event === '')
      throw new HttpIngestError(400, 'rejected', `event ${n}: the "event" field is blank`, {
        status: HEC.eventBlank,
        eventNumber: n,
      });
    const logSource = route(w, n, routing);
    const format = routing.sources.get(logSource)!;
    const range = objectMembers(slice, 0).get('event')!;
    const lines = eventLines(w.event, slice.slice(range[0], range[1]), format);
    if (lines.length === 0)
      throw new HttpIngestError(400, 'rejected', `event ${n}: the "event" field holds only line breaks`, {
        status: HEC.eventBlank,
        eventNumber: n,
      });
    const list = bySource.get(logSource);
    if (list) list.push(...lines);
    else bySource.set(logSource, lines);
    p = skipWs(text, end);
  }
  return [...bySource].map(([logSource, lines]) => ({
    logSource,
    lines: Buffer.from(lines.join('\n') + '\n'),
    events: lines.length,
  }));
}

const at = (n: number) => ({ status: HEC.invalidDataFormat, eventNumber: n });

function route(w: Record<string, unknown>, n: number, routing: HecRouting): string {
  if (routing.logSource !== undefined) return routing.logSource;
  const own = typeof w.sourcetype === 'string' ? w.sourcetype : undefined;
  if (own !== undefined && routing.sources.has(own)) return own;
  if (routing.sourcetype !== undefined && routing.sources.has(routing.sourcetype)) return routing.sourcetype;
  const tried = [own, routing.sourcetype].filter((s) => s !== undefined).map((s) => JSON.stringify(s));
  throw unknownTarget(
    tried.length
      ? `event ${n}: sourcetype ${tried.join(' / ')} is not a log source of this lake (set ?log_source=)`
      : `event ${n}: no sourcetype naming a log source and no ?log_source=`,
    routing.sources,
    n,
  );
}

function eventLines(event: unknown, source: string, format: SourceFormat): string[] {
  if (event !== null && typeof event === 'object' && !Array.isArray(event)) return [oneLine(source)];
  if (typeof event === 'string') {
    if (format === 'json' || format === 'auto') {
      const trimmed = event.trim();
      if (trimmed.startsWith('{')) {
        try {
          const v: unknown = JSON.parse(trimmed);
          if (v !== null && typeof v === 'object' && !Array.isArray(v)) return [oneLine(trimmed)];
        } catch {
          // not JSON: a text line
        }
      }
    }
    return event
      .split('\n')
      .map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l))
      .filter((l) => l !== '');
  }
  return [oneLine(source)];
}
