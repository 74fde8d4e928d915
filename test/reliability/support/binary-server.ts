/**
 * A real `akm serve` process (the built binary) for the reliability suite: initialised in an evidence
 * data dir, its stderr (the JSON request log) kept for the secrets scan, stoppable gracefully or by
 * SIGKILL, and restartable on the same data dir.
 */
import { cpSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { type AkmProcess, akmEnv, runAkm, startAkmServe } from '../../support/akm-cli-process.js';
import type { RootKey } from '../../support/akm-test-server.js';
import { parseRootKey } from '../../support/multi-node-cluster.js';
import { dataDirPath, logPath, recordSecrets } from './evidence.js';

/** A running server process. */
export interface BinaryServer {
  readonly url: string;
  readonly port: number;
  /** `127.0.0.1:<port>`. */
  readonly endpoint: string;
  readonly process: AkmProcess;
}

/** Where a server keeps its data and how it is configured; one per test, restartable. */
export class BinaryServerHost {
  readonly dataDir: string;
  #root: RootKey | undefined;
  #starts = 0;
  #running: BinaryServer | undefined;

  /** `env` adds AKM_* settings; `storeArgs` replaces `--data-dir DIR` (e.g. with a database URL). */
  constructor(
    readonly name: string,
    private readonly env: Readonly<Record<string, string>> = {},
    private readonly storeArgs?: readonly string[],
  ) {
    this.dataDir = dataDirPath(name);
  }

  /** The first account's root key (after {@link init}). */
  get root(): RootKey {
    if (!this.#root) throw new Error(`${this.name}: not initialised`);
    return this.#root;
  }

  #args(): string[] {
    return [...(this.storeArgs ?? []), '--data-dir', this.dataDir];
  }

  /** `akm init`; records the root secret. */
  async init(): Promise<RootKey> {
    this.#root = parseRootKey(await runAkm(['init', ...this.#args()], akmEnv({ ...this.env })));
    recordSecrets([this.#root.accessKeySecret]);
    return this.#root;
  }

  /** `akm serve` on a free port; waits until it listens. */
  async start(): Promise<BinaryServer> {
    this.#starts += 1;
    const akm = await startAkmServe(
      [...this.#args(), '--host', '127.0.0.1', '--port', '0', '--log-level', 'debug'],
      akmEnv({ AKM_SHUTDOWN_TIMEOUT_MS: '2000', ...this.env }),
    );
    const port = Number(new URL(akm.url).port);
    this.#running = { url: akm.url, port, endpoint: `127.0.0.1:${port}`, process: akm };
    return this.#running;
  }

  /** Stops the running server with `signal` (SIGTERM drains; SIGKILL is a crash) and keeps its log. */
  async stop(
    signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM',
  ): Promise<{ code: number | null; signal: string | null }> {
    const running = this.#running;
    if (!running) return { code: null, signal: null };
    this.#running = undefined;
    const { child } = running.process;
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const exit = await running.process.exited;
    writeFileSync(logPath(`${this.name}-${this.#starts}`), running.process.stderr());
    // A crash leaves the WAL as it was: keep a copy for the secrets scan (a restart checkpoints it away).
    if (signal === 'SIGKILL' && existsSync(this.dataDir)) {
      cpSync(this.dataDir, join(this.dataDir, '..', `after-kill-${this.#starts}`), { recursive: true });
    }
    return exit;
  }
}
