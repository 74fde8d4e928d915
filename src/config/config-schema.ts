/** akm's one configuration schema: every key with its type, default, environment name and description. */
import { z } from 'zod';
import { checkTrustedProxies } from '../http/client-address.js';

/** One configuration key. */
export interface ConfigKey<T extends z.ZodType = z.ZodType> {
  /** Environment variable that sets it. */
  readonly env: string;
  /** Command-line flag that sets it (overrides the environment). */
  readonly flag?: string;
  readonly description: string;
  readonly schema: T;
  /** Never printed (e.g. in `akm config`). */
  readonly secret?: boolean;
}

/** Whole numbers written in decimal only: `0x50`, `1e3` and blanks are mistakes, not numbers. */
const wholeNumber = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^\d{1,15}$/, 'must be a whole number')
      .transform(Number),
  ])
  .pipe(z.number().int());
const port = wholeNumber.pipe(z.number().min(0).max(65535));
const positiveInt = wholeNumber.pipe(z.number().positive());
/** A comma-separated list of IP addresses or CIDR ranges, each checked. */
const addressList = z
  .string()
  .default('')
  .transform((text) =>
    text
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== ''),
  )
  .superRefine((entries, ctx) => {
    for (const message of checkTrustedProxies(entries)) ctx.addIssue({ code: 'custom', message });
  });

/** The schema; README's configuration table is generated from the same descriptions. */
export const CONFIG_KEYS = {
  dataDir: {
    env: 'AKM_DATA_DIR',
    flag: 'data-dir',
    description: 'Directory holding the SQLite database and the master key.',
    schema: z.string().min(1).default('./data'),
  },
  host: {
    env: 'AKM_HOST',
    flag: 'host',
    description: 'Interface to listen on.',
    schema: z.string().min(1).default('127.0.0.1'),
  },
  port: {
    env: 'AKM_PORT',
    flag: 'port',
    description: 'TCP port to listen on (0 picks a free one).',
    schema: port.default(8080),
  },
  tlsCert: {
    env: 'AKM_TLS_CERT',
    flag: 'tls-cert',
    description: 'PEM certificate file; with --tls-key, serve HTTPS instead of HTTP.',
    schema: z.string().min(1).optional(),
  },
  tlsKey: {
    env: 'AKM_TLS_KEY',
    flag: 'tls-key',
    description: 'PEM private key file for --tls-cert.',
    schema: z.string().min(1).optional(),
  },
  masterKeyFile: {
    env: 'AKM_MASTER_KEY_FILE',
    flag: 'master-key-file',
    description:
      'Master key file (default <data-dir>/master.key); share it, or AKM_MASTER_KEY, across nodes.',
    schema: z.string().min(1).optional(),
  },
  masterKey: {
    env: 'AKM_MASTER_KEY',
    description: 'Base64 32-byte master key; overrides <data-dir>/master.key.',
    schema: z.string().min(1).optional(),
    secret: true,
  },
  databaseUrl: {
    env: 'AKM_DATABASE_URL',
    flag: 'database-url',
    description:
      'postgres://… to use PostgreSQL (several nodes may share it); unset uses SQLite in the data dir.',
    schema: z
      .string()
      .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
      .optional(),
    secret: true,
  },
  databaseSchema: {
    env: 'AKM_DATABASE_SCHEMA',
    description: "PostgreSQL schema holding akm's tables.",
    schema: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a plain lower-case identifier')
      .default('public'),
  },
  databasePoolSize: {
    env: 'AKM_DATABASE_POOL_SIZE',
    description: 'Most PostgreSQL connections one node opens.',
    schema: positiveInt.default(10),
  },
  databaseConnectTimeoutMs: {
    env: 'AKM_DATABASE_CONNECT_TIMEOUT_MS',
    description: 'Longest wait for a PostgreSQL connection (new, or free from the pool).',
    schema: positiveInt.default(5000),
  },
  databaseStatementTimeoutMs: {
    env: 'AKM_DATABASE_STATEMENT_TIMEOUT_MS',
    description: 'Server-side limit per PostgreSQL statement, lock waits included.',
    schema: positiveInt.default(5000),
  },
  databaseIdleTimeoutMs: {
    env: 'AKM_DATABASE_IDLE_TIMEOUT_MS',
    description: 'How long an unused PostgreSQL connection stays open.',
    schema: positiveInt.default(10_000),
  },
  logLevel: {
    env: 'AKM_LOG_LEVEL',
    flag: 'log-level',
    description: 'Lowest level logged: debug, info, warn or error.',
    schema: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  },
  maxBodyBytes: {
    env: 'AKM_MAX_BODY_BYTES',
    description: 'Largest request body accepted, in bytes.',
    schema: positiveInt.default(1024 * 1024),
  },
  maxHeaderBytes: {
    env: 'AKM_MAX_HEADER_BYTES',
    description: 'Largest request line and headers accepted, in bytes (larger: 431).',
    schema: positiveInt.default(16 * 1024),
  },
  hostId: {
    env: 'AKM_HOST_ID',
    description: 'HostId reported in RAM error bodies.',
    schema: z.string().min(1).default('ram.aliyuncs.com'),
  },
  lastUseFlushMs: {
    env: 'AKM_LAST_USE_FLUSH_MS',
    description:
      'How often coalesced AccessKey last-use dates are written (at most one write per key per interval).',
    schema: positiveInt.default(1000),
  },
  authFailureWindowMs: {
    env: 'AKM_AUTH_FAILURE_WINDOW_MS',
    description:
      'Window over which failed authentications are budgeted (a spent budget refills evenly over it).',
    schema: positiveInt.default(60_000),
  },
  authFailuresPerKey: {
    env: 'AKM_AUTH_FAILURES_PER_KEY',
    description:
      'Failed authentications one existing AccessKeyId may have per window before further failures are answered Throttling.',
    schema: positiveInt.default(20),
  },
  authFailuresPerSource: {
    env: 'AKM_AUTH_FAILURES_PER_SOURCE',
    description:
      'Failed authentications (unknown AccessKeyIds included) one client address (IPv6: /64) may have per window before further failures are answered Throttling.',
    schema: positiveInt.default(100),
  },
  authFailureTrackedMax: {
    env: 'AKM_AUTH_FAILURE_TRACKED_MAX',
    description:
      'Most AccessKeyIds, and most client addresses, whose failures are remembered at once (least recently failed forgotten first).',
    schema: positiveInt.default(10_000),
  },
  trustedProxies: {
    env: 'AKM_TRUSTED_PROXIES',
    description:
      'Comma-separated proxy addresses or CIDR ranges whose X-Forwarded-For names the client (default: none; the socket peer is the source IP).',
    schema: addressList,
  },
  auditRetentionDays: {
    env: 'AKM_AUDIT_RETENTION_DAYS',
    description: 'How many days audit events are kept; older ones are purged hourly.',
    schema: positiveInt.default(365),
  },
  usageRetentionDays: {
    env: 'AKM_USAGE_RETENTION_DAYS',
    description: 'How many days per-key daily request counts are kept; older ones are purged hourly.',
    schema: positiveInt.default(400),
  },
  verifyFailuresPerCaller: {
    env: 'AKM_VERIFY_FAILURES_PER_CALLER',
    description:
      'Failed verifications one verifying caller may submit per AKM_AUTH_FAILURE_WINDOW_MS before its verify calls are refused (Throttling).',
    schema: positiveInt.default(600),
  },
  shutdownTimeoutMs: {
    env: 'AKM_SHUTDOWN_TIMEOUT_MS',
    description: 'How long SIGTERM waits for in-flight requests before closing connections.',
    schema: positiveInt.default(10_000),
  },
} as const satisfies Record<string, ConfigKey>;

/** The validated, frozen configuration. */
export type Config = Readonly<{
  [K in keyof typeof CONFIG_KEYS]: z.output<(typeof CONFIG_KEYS)[K]['schema']>;
}>;
