/** Runs the built `akm` binary (`node bin/akm.js`) as a child process, for CLI and multi-process tests. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** The executable under test; `npm run build` must have produced dist/. */
export const AKM_BIN = fileURLToPath(new URL('../../bin/akm.js', import.meta.url));

/** How a finished command ended and what it wrote. */
export interface AkmResult {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The test process's environment without any AKM_* variable, plus `extra`. */
export function akmEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) if (!name.startsWith('AKM_')) env[name] = value;
  return { ...env, ...extra };
}

/** A running `akm` child process. */
export interface AkmProcess {
  readonly child: ChildProcess;
  stdout(): string;
  stderr(): string;
  /** Resolves when the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node bin/akm.js ...args`, collecting its output. */
export function spawnAkm(args: readonly string[], env: NodeJS.ProcessEnv = akmEnv()): AkmProcess {
  const child = spawn(process.execPath, [AKM_BIN, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('close', (code, signal) => resolve({ code, signal }));
  });
  return { child, stdout: () => out, stderr: () => err, exited };
}

/** Runs a command to completion. */
export async function runAkm(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<AkmResult> {
  const running = spawnAkm(args, env);
  const { code, signal } = await running.exited;
  return { code, signal, stdout: running.stdout(), stderr: running.stderr() };
}

/** Waits until the process writes a line matching `pattern` on stderr; fails if it exits first. */
export async function waitForStderr(akm: AkmProcess, pattern: RegExp): Promise<RegExpExecArray> {
  return new Promise<RegExpExecArray>((resolve, reject) => {
    const check = () => {
      const match = pattern.exec(akm.stderr());
      if (match) {
        akm.child.stderr?.off('data', check);
        resolve(match);
      }
    };
    akm.child.stderr?.on('data', check);
    void akm.exited.then(({ code }) =>
      reject(new Error(`akm exited (${code}) before printing ${pattern}:\n${akm.stderr()}`)),
    );
    check();
  });
}

/** Waits until the serving process prints its URL (`akm: listening on URL`) and returns it. */
export async function waitForListening(akm: AkmProcess): Promise<string> {
  const match = await waitForStderr(akm, /akm: listening on (\S+)/);
  return match[1] ?? '';
}

/** Starts `akm serve` with `args` and waits until it listens. */
export async function startAkmServe(
  args: readonly string[],
  env?: NodeJS.ProcessEnv,
): Promise<AkmProcess & { readonly url: string }> {
  const akm = spawnAkm(['serve', ...args], env);
  return { ...akm, url: await waitForListening(akm) };
}

/** Sends SIGTERM (if still running) and waits for the exit. */
export async function stopAkm(
  akm: AkmProcess,
): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  if (akm.child.exitCode === null && akm.child.signalCode === null) akm.child.kill('SIGTERM');
  return akm.exited;
}

/** A TCP port that was free a moment ago (bound to port 0, then released). */
export async function freePort(): Promise<number> {
  return new Promise<number>((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
