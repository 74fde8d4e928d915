/** Starts a real akm server (in-process, port 0, fresh temp data dir) for HTTP and client tests. */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Config } from '../../src/config/config-schema.js';
import { loadConfig } from '../../src/config/load-config.js';
import type { Clock, Logger } from '../../src/domain/ports.js';
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
  /** Where the server logs (default: nowhere). */
  readonly logger?: Logger;
}

/**
 * The wire suites send thousands of deliberately failing requests from one address to one server; they
 * test what each failure answers, so the failed-authentication throttle gets budgets they never reach.
 * The reliability suite (test/reliability) tests the throttle itself with small ones.
 */
const GENEROUS_FAILURE_BUDGETS = {
  AKM_AUTH_FAILURES_PER_KEY: '1000000',
  AKM_AUTH_FAILURES_PER_SOURCE: '1000000',
};

/** Creates a temp data dir path (not yet initialised). */
export function makeTempDataDir(): string {
  return join(mkdtempSync(join(tmpdir(), 'akm-test-')), 'data');
}

/**
 * With `AKM_TEST_E2E_STORE=postgres` (set by the vitest project that reruns the end-to-end suites on
 * PostgreSQL), each new server gets a fresh schema on `AKM_TEST_DATABASE_URL`; otherwise SQLite.
 */
function storeEnv(options: TestServerOptions, dataDir: string): Record<string, string> {
  const url = process.env.AKM_TEST_DATABASE_URL;
  if (process.env.AKM_TEST_E2E_STORE !== 'postgres' || options.env?.AKM_DATABASE_URL) return {};
  if (!url) throw new Error('AKM_TEST_E2E_STORE=postgres needs AKM_TEST_DATABASE_URL');
  // One schema per data dir, so a restarted server (same data dir) finds its data again.
  const schema = `akm_e2e_${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`;
  return { AKM_DATABASE_URL: url, AKM_DATABASE_SCHEMA: schema };
}

async function dropSchema(env: Record<string, string>): Promise<void> {
  if (!env.AKM_DATABASE_URL || !env.AKM_DATABASE_SCHEMA) return;
  // pg lets the URL's empty user override `user`, so name the user in the URL itself.
  const url = new URL(env.AKM_DATABASE_URL);
  if (!url.username) url.username = process.env.PGUSER ?? userInfo().username;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${pg.escapeIdentifier(env.AKM_DATABASE_SCHEMA)} CASCADE`);
  } finally {
    await client.end();
  }
}

/** Initialises (unless reused) and starts akm on 127.0.0.1 with a free port. */
export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const dataDir = options.dataDir ?? makeTempDataDir();
  const backend = storeEnv(options, dataDir);
  const config = loadConfig(
    { 'data-dir': dataDir, host: '127.0.0.1', port: '0' },
    { ...GENEROUS_FAILURE_BUDGETS, ...backend, ...options.env },
  );
  let root = options.root;
  if (!root) {
    const created = await initDataDir(config, SILENT_LOGGER);
    root = {
      accountId: created.accountId,
      accessKeyId: created.accessKeyId,
      accessKeySecret: created.accessKeySecret,
    };
  }
  const running = await startServer(config, options.logger ?? SILENT_LOGGER, options.clock);
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
      await dropSchema(backend);
      rmSync(join(dataDir, '..'), { recursive: true, force: true });
    },
  };
}
