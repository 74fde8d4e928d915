/**
 * Several real `akm serve` processes on one PostgreSQL schema, for the multi-node suites: a fresh schema
 * and master key per cluster, the `akm init` / `account create` / `migrate` commands against it, and
 * cleanup that stops every node and drops every schema it made.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import {
  dropSchema,
  newSchemaName,
  testDatabaseUrl,
} from '../../src/storage/postgres/postgres-test-support.js';
import {
  type AkmProcess,
  type AkmResult,
  akmEnv,
  runAkm,
  spawnAkm,
  stopAkm,
  waitForListening,
} from './akm-cli-process.js';
import type { RootKey } from './akm-test-server.js';

/** A running `akm serve` node. */
export interface AkmNode {
  readonly url: string;
  /** `127.0.0.1:<port>`: the endpoint form @alicloud/ram20150501 wants, and the Host header. */
  readonly endpoint: string;
  readonly process: AkmProcess;
}

/** Where a command or node of the cluster connects, and with which secrets. */
export interface NodeSettings {
  /** Default: the test database. A node may go through a proxy instead. */
  readonly databaseUrl?: string;
  /** Default: the cluster's schema. */
  readonly schema?: string;
  /** Extra or overriding AKM_* variables (e.g. another AKM_MASTER_KEY, timeouts). */
  readonly env?: Readonly<Record<string, string>>;
}

/** A fresh base64 32-byte master key, as AKM_MASTER_KEY takes it. */
export function randomMasterKey(): string {
  return randomBytes(32).toString('base64');
}

/** Parses the one JSON line `akm init` / `akm account create` print. */
export function parseRootKey(result: AkmResult): RootKey {
  expect(result.code, result.stderr).toBe(0);
  const printed = JSON.parse(result.stdout) as Record<string, unknown>;
  return {
    accountId: String(printed.AccountId),
    accessKeyId: String(printed.AccessKeyId),
    accessKeySecret: String(printed.AccessKeySecret),
  };
}

/** How long a node may take to drain on SIGTERM before the cluster kills it. */
const STOP_GRACE_MS = 15_000;

async function stopNode(node: AkmProcess): Promise<void> {
  const killer = setTimeout(() => node.child.kill('SIGKILL'), STOP_GRACE_MS);
  try {
    await stopAkm(node);
  } finally {
    clearTimeout(killer);
  }
}

/** One shared schema and master key, and the nodes started on it. */
export class AkmCluster {
  readonly schema = newSchemaName();
  readonly masterKey = randomMasterKey();
  readonly #dataDir = mkdtempSync(join(tmpdir(), 'akm-multi-node-'));
  readonly #schemas = new Set<string>([this.schema]);
  readonly #processes = new Set<AkmProcess>();

  /** Another fresh schema on the same database, dropped with the cluster. */
  newSchema(): string {
    const schema = newSchemaName();
    this.#schemas.add(schema);
    return schema;
  }

  /** The environment of a command or node: shared master key, schema, fast shutdown. */
  env(settings: NodeSettings = {}): NodeJS.ProcessEnv {
    return akmEnv({
      AKM_DATA_DIR: this.#dataDir,
      AKM_DATABASE_SCHEMA: settings.schema ?? this.schema,
      AKM_MASTER_KEY: this.masterKey,
      AKM_SHUTDOWN_TIMEOUT_MS: '2000',
      ...settings.env,
    });
  }

  /** Runs `akm <args> --database-url URL` to completion. */
  run(args: readonly string[], settings: NodeSettings = {}): Promise<AkmResult> {
    return runAkm([...args, '--database-url', settings.databaseUrl ?? testDatabaseUrl()], this.env(settings));
  }

  /** `akm init` on the schema: returns the first account's root key. */
  async init(settings: NodeSettings = {}): Promise<RootKey> {
    return parseRootKey(await this.run(['init'], settings));
  }

  /** `akm account create` on the schema (while nodes run): returns the new root key. */
  async createAccount(settings: NodeSettings = {}): Promise<RootKey> {
    return parseRootKey(await this.run(['account', 'create'], settings));
  }

  /** Spawns `akm serve` on a free port without waiting; the cluster stops it in {@link destroy}. */
  spawnServe(settings: NodeSettings = {}): AkmProcess {
    const args = ['serve', '--host', '127.0.0.1', '--port', '0'];
    const akm = spawnAkm(
      [...args, '--database-url', settings.databaseUrl ?? testDatabaseUrl()],
      this.env(settings),
    );
    this.#processes.add(akm);
    // Never leave a server behind, even when the test process dies without running its hooks.
    const killOnExit = () => akm.child.kill('SIGKILL');
    process.once('exit', killOnExit);
    void akm.exited.then(() => process.off('exit', killOnExit));
    return akm;
  }

  /** Starts `akm serve` and waits until it listens. */
  async startNode(settings: NodeSettings = {}): Promise<AkmNode> {
    const akm = this.spawnServe(settings);
    const url = await waitForListening(akm);
    return { url, endpoint: url.replace(/^https?:\/\//, ''), process: akm };
  }

  /** Stops one node (SIGTERM, then SIGKILL if it does not drain). */
  async stop(node: AkmNode): Promise<void> {
    await stopNode(node.process);
    this.#processes.delete(node.process);
  }

  /** Stops every node, drops every schema and removes the scratch data dir. */
  async destroy(): Promise<void> {
    try {
      await Promise.all([...this.#processes].map(stopNode));
      this.#processes.clear();
      for (const schema of this.#schemas) await dropSchema(schema);
    } finally {
      rmSync(this.#dataDir, { recursive: true, force: true });
    }
  }
}
