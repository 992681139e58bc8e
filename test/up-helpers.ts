/** A running `lakewatch up` for tests that talk to it over real HTTP. */
import { spawn, type ChildProcess } from 'node:child_process';
import { cliPath, repoRoot, runCli } from './helpers.js';

export interface RunningUp {
  url: string;
  token: string;
  child: ChildProcess;
  /** Everything the service wrote so far. */
  output(): { stdout: string; stderr: string };
  /** SIGTERM, then waits for the exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL (kill -9), then waits for the process to be gone. */
  kill(): Promise<void>;
}

/** Creates a token `test` once per lake (reused by later starts) and starts `lakewatch up`. */
export async function startUp(
  lakeDir: string,
  opts: { env?: Record<string, string>; args?: string[]; token?: string } = {},
): Promise<RunningUp> {
  const token = opts.token ?? (await createToken(lakeDir, 'test'));
  const child = spawn(process.execPath, [cliPath, 'up', lakeDir, '--port', '0', ...(opts.args ?? [])], {
    cwd: repoRoot,
    env: { ...process.env, ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      stdout += d.toString();
      const m = /listening on (http:\/\/\S+)/.exec(stdout);
      if (m) resolve(m[1]!);
    });
    void exited.then((code) =>
      reject(new Error(`lakewatch up exited (${code}) before listening:\n${stderr}`)),
    );
  });
  return {
    url,
    token,
    child,
    output: () => ({ stdout, stderr }),
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
    kill: async () => {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

const tokens = new Map<string, string>();

export async function createToken(lakeDir: string, name: string): Promise<string> {
  const key = `${lakeDir}\0${name}`;
  const known = tokens.get(key);
  if (known) return known;
  const r = await runCli(['--dir', lakeDir, 'token', 'create', name]);
  if (r.code !== 0) throw new Error(`lakewatch token create ${name} failed (${r.code}): ${r.stderr}`);
  const token = r.stdout.trim().split('\n').pop()!.trim();
  tokens.set(key, token);
  return token;
}
