/** Starts a real akm server (in-process, port 0, fresh temp data dir) for HTTP and client tests. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../../src/config/config-schema.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Clock } from '../../src/domain/ports.js';
import { SILENT_LOGGER } from '../../src/logging/json-logger.js';
import { initDataDir, type RunningServer, startServer } from '../../src/main.js';

/** A root AccessKey pair as `akm init` prints it. */
export interface RootKey {
  readonly accountId: string;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

/** A running test server. */
export interface TestServer {
  readonly url: string;
  /** `127.0.0.1:<port>`: the endpoint form @alicloud/ram20150501 wants. */
  readonly endpoint: string;
  readonly dataDir: string;
  readonly config: Config;
  readonly root: RootKey;
  readonly running: RunningServer;
  /** Stops the server (keeps the data dir, for restart tests). */
  stop(): Promise<void>;
  /** Stops the server and deletes the data dir. */
  destroy(): Promise<void>;
}

/** Options for {@link startTestServer}. */
export interface TestServerOptions {
  /** Reuse an existing data dir (restart tests) instead of initialising a new one. */
  readonly dataDir?: string;
  readonly root?: RootKey;
  readonly clock?: Clock;
  readonly env?: Readonly<Record<string, string>>;
}

/** Creates a temp data dir path (not yet initialised). */
export function makeTempDataDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'akm-test-')), 'data');
}

/** Initialises (unless reused) and starts akm on 127.0.0.1 with a free port. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? makeTempDataDir();
  const config = loadConfig({ 'data-dir': dataDir, host: '127.0.0.1', port: '0' }, { ...options.env });
  let root = options.root;
  if (!root) {
    const created = await initDataDir(config, SILENT_LOGGER);
    root = {
      accountId: created.accountId,
      accessKeyId: created.accessKeyId,
      accessKeySecret: created.accessKeySecret,
    };
  }
  const running = await startServer(config, SILENT_LOGGER, options.clock);
  const endpoint = running.url.replace(/^https?:\/\//, '');
  return {
    url: running.url,
    endpoint,
    dataDir,
    config,
    root,
    running,
    stop: () => running.stop(),
    async destroy() {
      await running.stop();
      rmSync(join(dataDir, '..'), { recursive: true, force: true });
    },
  };
}
