/**
 * Lets `fetch` (used by icebird/hyparquet) read local files: absolute paths and file: URLs,
 * with HEAD and Range support. Everything else goes to the real fetch. Returns an uninstall fn.
 */
import { readFile, stat } from 'node:fs/promises';
import { toLocalPath } from '../io/local.js';

export function installFileFetch(): () => void {
  const real = globalThis.fetch;
  const local = (u: string) => u.startsWith('/') || u.startsWith('file:');
  globalThis.fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!local(url)) return real(input as string, init);
    const p = toLocalPath(url);
    try {
      if (init?.method === 'HEAD') {
        const st = await stat(p);
        return new Response(null, { status: 200, headers: { 'content-length': String(st.size) } });
      }
      const buf = await readFile(p);
      const range = new Headers(init?.headers).get('Range');
      const m = range ? /bytes=(\d+)-(\d*)/.exec(range) : null;
      if (m) {
        const start = Number(m[1]);
        const end = m[2] ? Number(m[2]) + 1 : buf.length;
        return new Response(buf.subarray(start, end), { status: 206 });
      }
      return new Response(buf, { status: 200 });
    } catch {
      return new Response('not found', { status: 404, statusText: 'Not Found' });
    }
  }) as typeof fetch;
  return () => {
    globalThis.fetch = real;
  };
}
