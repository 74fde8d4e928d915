/** Connection settings, the connection pool and the transaction helper shared by akm's PostgreSQL stores. */
import { userInfo } from 'node:os';
import { type ClientConfig, defaults, escapeIdentifier, Pool, type PoolClient } from 'pg';
import { isDatabaseUnavailable } from './postgres-errors.js';
import { createPostgresTypes } from './postgres-rows.js';

/** Where and how to connect; every field but the URL has a default suited to a small akm node. */
export interface PostgresConnectionOptions {
  /** `postgres://user:password@host:port/database?sslmode=…`; its own parameters override the ones below. */
  readonly connectionString: string;
  /** The schema akm's tables live in (created by the first migration when missing). Default `public`. */
  readonly schema?: string;
  /** Most connections this node opens. Default 10. */
  readonly poolSize?: number;
  /** Longest wait for a new connection, or for a free one when all are busy. Default 5000 ms. */
  readonly connectTimeoutMs?: number;
  /** Server-side limit per statement, including lock waits; 0 disables it. Default 5000 ms. */
  readonly statementTimeoutMs?: number;
  /** How long an unused connection stays open; 0 keeps it open. Default 10000 ms. */
  readonly idleTimeoutMs?: number;
  /** Shown in `pg_stat_activity`, e.g. to tell nodes apart. Default `akm`. */
  readonly applicationName?: string;
}

/** The defaults of {@link PostgresConnectionOptions}. */
export const POSTGRES_DEFAULTS = Object.freeze({
  schema: 'public',
  poolSize: 10,
  connectTimeoutMs: 5000,
  statementTimeoutMs: 5000,
  idleTimeoutMs: 10_000,
  applicationName: 'akm',
});

/**
 * Extra time the client waits beyond the server's statement timeout before giving up on a query itself:
 * the server's timeout answers cleanly, this one only catches a link that went silent (no RST).
 */
const QUERY_TIMEOUT_MARGIN_MS = 2000;

/** A transaction left open by a stalled node would hold its row locks; the server ends it after this. */
const IDLE_IN_TRANSACTION_TIMEOUT_MS = 30_000;

/** Plain identifiers only: they also travel in the startup packet's `options`, where quoting is fragile. */
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

function requireInteger(name: string, value: number, min: number): number {
  if (!Number.isSafeInteger(value) || value < min)
    throw new RangeError(`${name} must be an integer >= ${min}`);
  return value;
}

/** The schema name of `options`, validated. */
export function schemaOf(options: PostgresConnectionOptions): string {
  const schema = options.schema ?? POSTGRES_DEFAULTS.schema;
  if (!SCHEMA_NAME.test(schema)) {
    throw new RangeError(
      `schema must be a plain identifier (letters, digits, _), got ${JSON.stringify(schema)}`,
    );
  }
  return schema;
}

/**
 * The connection string with a user name when nothing else names one. `pg` falls back to PGUSER, then
 * USER, and sends no user at all (which the server refuses) when both are unset, as under service
 * managers and in CI; libpq and psql use the operating-system account instead, so akm does too. It goes
 * into the URL because `pg` lets the URL's (empty) user override a configured one. Reading PGUSER here
 * only keeps the driver's own precedence: the URL, then PGUSER, then USER, then the OS account.
 */
export function withFallbackUser(connectionString: string): string {
  let url: URL;
  try {
    url = new URL(connectionString);
  } catch {
    // Not a URL (e.g. a socket path): leave the user to pg.
    return connectionString;
  }
  if (url.username !== '' || process.env.PGUSER || defaults.user) return connectionString;
  url.username = encodeURIComponent(userInfo().username);
  return url.toString();
}

/**
 * Settings of every akm connection: `search_path` set in the startup packet, so each new or re-opened
 * connection starts in akm's schema without an extra round trip; keep-alive so a dead peer is noticed.
 */
export function connectionConfig(options: PostgresConnectionOptions): ClientConfig {
  return {
    connectionString: withFallbackUser(options.connectionString),
    connectionTimeoutMillis: requireInteger(
      'connectTimeoutMs',
      options.connectTimeoutMs ?? POSTGRES_DEFAULTS.connectTimeoutMs,
      1,
    ),
    options: `-c search_path=${escapeIdentifier(schemaOf(options))}`,
    application_name: options.applicationName ?? POSTGRES_DEFAULTS.applicationName,
    keepAlive: true,
    types: createPostgresTypes(),
  };
}

/**
 * The request-serving pool. `onIdleError` receives errors of idle connections (the server restarted,
 * the link dropped); without a listener such an error would crash the process. The pool replaces lost
 * connections by itself on the next checkout.
 */
export function createPostgresPool(
  options: PostgresConnectionOptions,
  onIdleError: (error: Error) => void,
): Pool {
  const statementTimeoutMs = requireInteger(
    'statementTimeoutMs',
    options.statementTimeoutMs ?? POSTGRES_DEFAULTS.statementTimeoutMs,
    0,
  );
  const pool = new Pool({
    ...connectionConfig(options),
    max: requireInteger('poolSize', options.poolSize ?? POSTGRES_DEFAULTS.poolSize, 1),
    idleTimeoutMillis: requireInteger(
      'idleTimeoutMs',
      options.idleTimeoutMs ?? POSTGRES_DEFAULTS.idleTimeoutMs,
      0,
    ),
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
    ...(statementTimeoutMs > 0
      ? { statement_timeout: statementTimeoutMs, query_timeout: statementTimeoutMs + QUERY_TIMEOUT_MARGIN_MS }
      : {}),
  });
  pool.on('error', onIdleError);
  return pool;
}

/** Rolls back; returns the error when even that failed (the connection is then unusable). */
async function rollback(client: PoolClient): Promise<Error | undefined> {
  try {
    await client.query('ROLLBACK');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/**
 * Runs `work` in one transaction on one pooled connection: COMMIT on success, ROLLBACK on failure. A
 * connection that failed is destroyed rather than returned to the pool.
 */
export async function withTransaction<R>(pool: Pool, work: (client: PoolClient) => Promise<R>): Promise<R> {
  const client = await pool.connect();
  // The pool detaches its error listener while a client is checked out: a connection lost between two
  // statements would otherwise be an unhandled 'error' event, which crashes the process.
  let lost: Error | undefined;
  const onError = (error: Error) => {
    lost = error;
  };
  client.on('error', onError);
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    broken =
      lost ?? (isDatabaseUnavailable(error) && error instanceof Error ? error : await rollback(client));
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken ?? lost);
  }
}
