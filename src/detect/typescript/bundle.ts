/**
 * esbuild, in memory: each detect.ts / detect.js with the files it imports becomes one ESM
 * module (types stripped, not checked), and the worker runtime itself is bundled once per
 * process so it runs from src/ (tests) and dist/ alike.
 */
import { build, type BuildFailure, type Message, type Plugin } from 'esbuild';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);
const here = path.dirname(self);
/** '.ts' when running from src/, '.js' from dist/. */
const ext = path.extname(self);

/** The module behind `import … from 'lakewatch/detection'` (and Matano's `detection`). */
export const DETECTION_MODULE_FILE = path.join(here, `detection${ext}`);
const WORKER_FILE = path.join(here, `worker${ext}`);

export interface DetectionBundle {
  code: string;
  /** Source map JSON; its paths are relative to `dir`. */
  map: string;
  dir: string;
}

export interface BundleError {
  type: string;
  message: string;
  file: string;
  line?: number;
  traceback: string;
}

const detectionApiPlugin: Plugin = {
  name: 'lakewatch-detection',
  setup(b) {
    b.onResolve({ filter: /^(lakewatch\/detection|detection)$/ }, () => ({ path: DETECTION_MODULE_FILE }));
  },
};

function describe(messages: Message[], dir: string): BundleError & { file: string } {
  const first = messages[0];
  const loc = first?.location;
  const text = first?.text ?? 'build failed';
  const lines = messages.map((m) => {
    const l = m.location;
    const where = l ? `${path.resolve(dir, l.file)}:${l.line}:${l.column + 1}: ` : '';
    return `${where}error: ${m.text}${l?.lineText ? `\n    ${l.lineText}` : ''}`;
  });
  return {
    type: /^(Could not resolve|No matching export|No loader is configured)/.test(text)
      ? 'ImportError'
      : 'SyntaxError',
    message: text,
    file: loc ? path.resolve(dir, loc.file) : '',
    ...(loc ? { line: loc.line } : {}),
    traceback: lines.join('\n'),
  };
}

/** Bundles one detection file, or says why not (file and line of the first error). */
export async function bundleDetection(
  file: string,
): Promise<{ bundle: DetectionBundle } | { error: BundleError }> {
  const dir = path.dirname(file);
  try {
    const result = await build({
      entryPoints: [file],
      absWorkingDir: dir,
      // not written: names the output so source map paths are relative to the detection's folder
      outfile: path.join(dir, 'detect.lakewatch-bundle.js'),
      write: false,
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      sourcemap: 'external',
      sourcesContent: false,
      keepNames: true,
      logLevel: 'silent',
      // bundled CommonJS packages call require(); give the ESM module one that resolves from the file
      banner: {
        js: `import { createRequire as __lakewatchCreateRequire } from 'node:module'; const require = __lakewatchCreateRequire(${JSON.stringify(file)});`,
      },
      plugins: [detectionApiPlugin],
    });
    const code = result.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
    const map =
      result.outputFiles.find((f) => f.path.endsWith('.map'))?.text ??
      '{"version":3,"sources":[],"mappings":""}';
    return { bundle: { code, map, dir } };
  } catch (err) {
    const failure = err as Partial<BuildFailure>;
    if (Array.isArray(failure.errors) && failure.errors.length > 0)
      return { error: describe(failure.errors, dir) };
    const e = err instanceof Error ? err : new Error(String(err));
    return { error: { type: 'BuildError', message: e.message, file, traceback: e.stack ?? '' } };
  }
}

let workerCode: Promise<string> | undefined;

/**
 * The worker runtime as one ESM text. Packages (better-sqlite3) are loaded with a require()
 * resolving from this package, since the worker runs from a data: URL.
 */
export function bundleWorker(): Promise<string> {
  workerCode ??= build({
    entryPoints: [WORKER_FILE],
    write: false,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    logLevel: 'silent',
    plugins: [
      {
        name: 'lakewatch-require',
        setup(b) {
          b.onResolve({ filter: /^[^./]/ }, (args) =>
            isBuiltin(args.path) ? undefined : { path: args.path, namespace: 'lakewatch-require' },
          );
          b.onLoad({ filter: /.*/, namespace: 'lakewatch-require' }, (args) => ({
            contents:
              "import { createRequire } from 'node:module';\n" +
              `export default createRequire(${JSON.stringify(self)})(${JSON.stringify(args.path)});\n`,
            loader: 'js',
          }));
        },
      },
    ],
  }).then(
    (r) => r.outputFiles[0]!.text,
    (err: unknown) => {
      workerCode = undefined; // let a later pool try again
      throw err;
    },
  );
  return workerCode;
}
