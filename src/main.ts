/**
 * The composition root: the only place that wires config, store, crypto, clock and server together.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { createSecureContext } from 'node:tls';
import type { Config } from './config/config-schema.js';
import { KeyringSecretBox } from './crypto/keyring-secret-box.js';
import { createMasterKeyFile, MASTER_KEY_FILE, masterKeySource } from './crypto/master-key.js';
import { MASTER_KEY_CHECK, opensCheckValue, sealCheckValue } from './crypto/master-key-check.js';
import { RandomIdGenerator } from './crypto/random-id-generator.js';
import { isAkmError } from './domain/errors.js';
import type { Clock, Logger, SecretBox, Store } from './domain/ports.js';
import { createAkmServer } from './http/akm-server.js';
import { createClientAddressResolver } from './http/client-address.js';
import { routeByProtocol } from './http/protocol-router.js';
import { type OpenedStore, type OpenPurpose, openStore, sqlitePath } from './open-store.js';
import { createAwsQueryHandler, renderAwsQueryEarlyError } from './protocol/aws-query/aws-query-handler.js';
import { isAwsQueryRequest } from './protocol/aws-query/aws-query-request.js';
import { createRamRpcHandler, renderRamEarlyError } from './protocol/ram-rpc/ram-rpc-handler.js';
import {
  createVerifyJsonHandler,
  isVerifyRequest,
  renderVerifyError,
} from './protocol/verification/verify-json-handler.js';
import { AuthFailureThrottle } from './service/auth-failure-throttle.js';
import { type CreatedAccount, createAccount, type Operator } from './service/create-account.js';
import { LastUseTracker } from './service/last-use-tracker.js';
import { RetentionSweeper } from './service/retention-sweeper.js';
import type { ServiceDeps } from './service/service-deps.js';
import { VerificationThrottle } from './service/verify-request-signature.js';

/** A start-up problem to report to the operator (no stack trace needed). */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

const SYSTEM_CLOCK: Clock = { now: () => new Date() };

/** Where the master key file is: `--master-key-file`, else `<data-dir>/master.key`. */
export function masterKeyPath(config: Config): string {
  return config.masterKeyFile ?? join(config.dataDir, MASTER_KEY_FILE);
}

/**
 * The configured master keys as a keyring: AKM_MASTER_KEY, or the key file with its `.next` companion
 * (present while a rotation is under way). A missing or malformed key is a start-up error.
 */
export function openKeyring(config: Config): KeyringSecretBox {
  try {
    const source = masterKeySource(masterKeyPath(config), config.masterKey);
    if (source) return new KeyringSecretBox(source);
  } catch (error) {
    throw new StartupError(error instanceof Error ? error.message : String(error));
  }
  throw new StartupError(`no master key: set AKM_MASTER_KEY or provide ${masterKeyPath(config)}`);
}

/**
 * Opens the store, turning "database unreachable" into a start-up message that names where it looked.
 */
export async function openStoreForStartup(
  config: Config,
  purpose: OpenPurpose,
  clock: Clock,
  logger: Logger,
) {
  try {
    return await openStore(config, purpose, clock, logger);
  } catch (error) {
    if (isAkmError(error, 'SERVICE_UNAVAILABLE')) {
      const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
      throw new StartupError(`cannot reach the database${cause}`);
    }
    throw error;
  }
}

/**
 * Binds the master key to the store: the first opener records a sealed check value, later openers must
 * open it, so a node with the wrong master key refuses to start instead of failing on every request.
 */
async function verifyMasterKey(store: Store, box: SecretBox): Promise<void> {
  const check = await store.getMeta(MASTER_KEY_CHECK);
  if (check === undefined) {
    await store.setMeta(MASTER_KEY_CHECK, sealCheckValue(box));
    return;
  }
  if (opensCheckValue(box, check)) return;
  throw new StartupError(
    'the master key does not match this store (check AKM_MASTER_KEY / the master key file)',
  );
}

/** The operator running this process, as the audit log names it (the OS user, when it has a name). */
export function localOperator(): Operator {
  try {
    return { userName: userInfo().username };
  } catch {
    return { userName: null };
  }
}

/** Everything a running akm (server or CLI command) uses. */
export interface Runtime {
  readonly deps: ServiceDeps;
  /** Purges audit events and usage counts past their retention (started by the server). */
  readonly retention: RetentionSweeper;
  /** Where the data lives, for logs. */
  readonly location: string;
  close(): Promise<void>;
}

/** Opens an initialised store with its master key and builds the services. */
export async function openRuntime(
  config: Config,
  logger: Logger,
  clock: Clock = SYSTEM_CLOCK,
  purpose: OpenPurpose = 'serve',
): Promise<Runtime> {
  if (!config.databaseUrl && purpose !== 'init' && !existsSync(sqlitePath(config))) {
    throw new StartupError(
      `${config.dataDir} is not an initialised akm data dir; run \`akm init --data-dir ${config.dataDir}\``,
    );
  }
  const secretBox = openKeyring(config);
  const opened: OpenedStore = await openStoreForStartup(config, purpose, clock, logger);
  try {
    await verifyMasterKey(opened.store, secretBox);
  } catch (error) {
    await opened.close();
    throw error;
  }
  const { store, nonces } = opened;
  const lastUse = new LastUseTracker(store, logger, config.lastUseFlushMs);
  const deps: ServiceDeps = {
    store,
    clock,
    ids: new RandomIdGenerator(),
    secretBox,
    nonces,
    lastUse,
    authFailures: new AuthFailureThrottle({
      windowMs: config.authFailureWindowMs,
      perKey: config.authFailuresPerKey,
      perSource: config.authFailuresPerSource,
      maxTracked: config.authFailureTrackedMax,
    }),
    verification: new VerificationThrottle({
      failuresPerCaller: config.verifyFailuresPerCaller,
      windowMs: config.authFailureWindowMs,
      maxTracked: config.authFailureTrackedMax,
    }),
    logger,
  };
  const retention = new RetentionSweeper(store, clock, logger, config);
  return {
    deps,
    retention,
    location: opened.location,
    async close() {
      await retention.stop();
      await lastUse.stop();
      await opened.close();
    },
  };
}

/**
 * Whether akm was initialised: for SQLite the data dir holds a database or master key; for PostgreSQL
 * the schema carries the master key check (opening it applies migrations, as init would).
 */
export async function isInitialised(config: Config, logger: Logger): Promise<boolean> {
  if (!config.databaseUrl) return existsSync(sqlitePath(config)) || existsSync(masterKeyPath(config));
  const opened = await openStoreForStartup(config, 'init', SYSTEM_CLOCK, logger);
  try {
    return (await opened.store.getMeta(MASTER_KEY_CHECK)) !== undefined;
  } finally {
    await opened.close();
  }
}

/**
 * `akm init`: creates the store (data dir and SQLite database, or the PostgreSQL schema), the master key
 * (unless given by environment, or already provided as a shared file for PostgreSQL nodes) and the first
 * account. Refuses an initialised store.
 */
export async function initDataDir(config: Config, logger: Logger): Promise<CreatedAccount> {
  if (await isInitialised(config, logger)) {
    const where = config.databaseUrl ? 'the database' : config.dataDir;
    throw new StartupError(`${where} is already initialised; refusing to overwrite it`);
  }
  const keyPath = masterKeyPath(config);
  if (!config.databaseUrl) mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
  if (!config.masterKey && !existsSync(keyPath)) {
    mkdirSync(dirname(keyPath), { recursive: true, mode: 0o700 });
    createMasterKeyFile(keyPath);
  }
  const runtime = await openRuntime(config, logger, SYSTEM_CLOCK, 'init');
  try {
    return await createAccount(runtime.deps, localOperator());
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
  runtime.retention.start();
  // /v1/verify is the JSON verification endpoint; SigV4-signed or IAM/STS-versioned requests are the
  // AWS wire's; everything else stays RAM's.
  const { rpc, renderEarlyError } = routeByProtocol(
    [
      {
        accepts: isVerifyRequest,
        handle: createVerifyJsonHandler(deps, { hostId: config.hostId }),
        renderEarlyError: (error, requestId) => renderVerifyError(error, requestId, config.hostId),
      },
      {
        accepts: isAwsQueryRequest,
        handle: createAwsQueryHandler(deps),
        renderEarlyError: renderAwsQueryEarlyError,
      },
    ],
    {
      accepts: () => true,
      handle: createRamRpcHandler(deps, { hostId: config.hostId }),
      renderEarlyError: (error, requestId) => renderRamEarlyError(error, requestId, config.hostId),
    },
  );
  const { server, beginShutdown } = createAkmServer({
    rpc,
    renderEarlyError,
    health: () => deps.store.ping(),
    ids: deps.ids,
    logger,
    maxBodyBytes: config.maxBodyBytes,
    maxHeaderBytes: config.maxHeaderBytes,
    clientAddress: createClientAddressResolver(config.trustedProxies),
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
  logger.info('akm listening', { url, store: runtime.location });

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
