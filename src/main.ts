/**
 * The composition root: the only place that wires config, store, crypto, clock and server together.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createSecureContext } from 'node:tls';
import type { Config } from './config/config-schema.js';
import { AesGcmSecretBox } from './crypto/aes-gcm-secret-box.js';
import { createMasterKeyFile, loadMasterKey, MASTER_KEY_FILE } from './crypto/master-key.js';
import { RandomIdGenerator } from './crypto/random-id-generator.js';
import type { Clock, Logger, SecretBox } from './domain/ports.js';
import { createAkmServer } from './http/akm-server.js';
import { createRamRpcHandler, renderRamEarlyError } from './protocol/ram-rpc/ram-rpc-handler.js';
import { type CreatedAccount, createAccount } from './service/create-account.js';
import { LastUseTracker } from './service/last-use-tracker.js';
import type { ServiceDeps } from './service/service-deps.js';
import { MemoryNonceStore } from './storage/memory/memory-nonce-store.js';
import { SqliteStore } from './storage/sqlite/sqlite-store.js';

/** File name of the SQLite database inside the data dir. */
export const DATABASE_FILE = 'akm.db';

/** A start-up problem to report to the operator (no stack trace needed). */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

const MASTER_KEY_CHECK = 'master_key_check';
const CHECK_PLAINTEXT = 'akm master key check';
const SYSTEM_CLOCK: Clock = { now: () => new Date() };

/** Whether the data dir already holds an akm store or master key. */
export function isInitialised(dataDir: string): boolean {
  return existsSync(join(dataDir, DATABASE_FILE)) || existsSync(join(dataDir, MASTER_KEY_FILE));
}

/**
 * Binds the master key to the store: the first opener records a sealed check value, later openers must
 * open it, so a node with the wrong master key refuses to start instead of failing on every request.
 */
async function verifyMasterKey(store: SqliteStore, box: SecretBox): Promise<void> {
  const check = await store.getMeta(MASTER_KEY_CHECK);
  if (check === undefined) {
    await store.setMeta(MASTER_KEY_CHECK, box.seal(CHECK_PLAINTEXT, MASTER_KEY_CHECK));
    return;
  }
  try {
    if (box.open(check, MASTER_KEY_CHECK) === CHECK_PLAINTEXT) return;
  } catch {
    // fall through to the error below
  }
  throw new StartupError('the master key does not match this data dir (check AKM_MASTER_KEY / master.key)');
}

/** Everything a running akm (server or CLI command) uses. */
export interface Runtime {
  readonly deps: ServiceDeps;
  close(): Promise<void>;
}

/** Opens an initialised data dir: store (migrated forward), master key, services. */
export async function openRuntime(
  config: Config,
  logger: Logger,
  clock: Clock = SYSTEM_CLOCK,
): Promise<Runtime> {
  if (!existsSync(join(config.dataDir, DATABASE_FILE))) {
    throw new StartupError(
      `${config.dataDir} is not an initialised akm data dir; run \`akm init --data-dir ${config.dataDir}\``,
    );
  }
  const masterKey = loadMasterKey(config.dataDir, config.masterKey);
  if (!masterKey)
    throw new StartupError(
      `no master key: set AKM_MASTER_KEY or restore ${join(config.dataDir, MASTER_KEY_FILE)}`,
    );
  const store = SqliteStore.open({ path: join(config.dataDir, DATABASE_FILE) });
  const secretBox = new AesGcmSecretBox(masterKey);
  try {
    await verifyMasterKey(store, secretBox);
  } catch (error) {
    await store.close();
    throw error;
  }
  const nonces = new MemoryNonceStore(() => clock.now().getTime());
  const lastUse = new LastUseTracker(store, logger, config.lastUseFlushMs);
  const deps: ServiceDeps = {
    store,
    clock,
    ids: new RandomIdGenerator(),
    secretBox,
    nonces,
    lastUse,
    logger,
  };
  return {
    deps,
    async close() {
      await lastUse.stop();
      nonces.close();
      await store.close();
    },
  };
}

/**
 * `akm init`: creates the data dir, the database, the master key (unless given by environment) and the
 * first account. Refuses an initialised data dir.
 */
export async function initDataDir(config: Config, logger: Logger): Promise<CreatedAccount> {
  if (isInitialised(config.dataDir)) {
    throw new StartupError(`${config.dataDir} is already initialised; refusing to overwrite it`);
  }
  mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  if (!config.masterKey) createMasterKeyFile(config.dataDir);
  await SqliteStore.open({ path: join(config.dataDir, DATABASE_FILE) }).close();
  const runtime = await openRuntime(config, logger);
  try {
    return await createAccount(runtime.deps);
  } finally {
    await runtime.close();
  }
}

/** Reads the TLS files up front, so a bad path is a clear start-up error before anything is opened. */
function readTls(config: Config): { cert: Buffer; key: Buffer } | undefined {
  if (!config.tlsCert || !config.tlsKey) return undefined;
  const read = (path: string, what: string) => {
    try {
      return readFileSync(path);
    } catch (error) {
      throw new StartupError(
        `cannot read the TLS ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
      );
    }
  };
  const tls = { cert: read(config.tlsCert, 'certificate'), key: read(config.tlsKey, 'key') };
  try {
    createSecureContext(tls);
  } catch (error) {
    throw new StartupError(
      `invalid TLS certificate or key: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  return tls;
}

/** A started server and how to stop it. */
export interface RunningServer {
  readonly server: Server;
  readonly url: string;
  /** Drains in-flight requests (up to the shutdown timeout), flushes last uses and closes the store. */
  stop(): Promise<void>;
}

/** Starts serving the data dir on the configured host and port. */
export async function startServer(
  config: Config,
  logger: Logger,
  clock: Clock = SYSTEM_CLOCK,
): Promise<RunningServer> {
  const tls = readTls(config);
  const runtime = await openRuntime(config, logger, clock);
  const { deps } = runtime;
  deps.lastUse.start();
  const { server, beginShutdown } = createAkmServer({
    rpc: createRamRpcHandler(deps, { hostId: config.hostId }),
    renderEarlyError: (error, requestId) => renderRamEarlyError(error, requestId, config.hostId),
    health: () => deps.store.ping(),
    ids: deps.ids,
    logger,
    maxBodyBytes: config.maxBodyBytes,
    tls,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  }).catch(async (error: unknown) => {
    await runtime.close();
    throw new StartupError(`cannot listen on ${config.host}:${config.port}: ${String(error)}`);
  });
  const { port } = server.address() as AddressInfo;
  const scheme = config.tlsCert ? 'https' : 'http';
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const url = `${scheme}://${host}:${port}`;
  if (!config.tlsCert) logger.warn('serving plain HTTP; use --tls-cert and --tls-key outside development');
  logger.info('akm listening', { url, dataDir: config.dataDir });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      beginShutdown();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const timer = setTimeout(() => server.closeAllConnections(), config.shutdownTimeoutMs);
      await closed;
      clearTimeout(timer);
      await runtime.close();
      logger.info('akm stopped');
    })();
    return stopping;
  };
  return { server, url, stop };
}
