// Configuration loading: defaults, flag over environment over default, every problem at once, frozen result.

import { describe, expect, it } from 'vitest';
import { CONFIG_KEYS } from './config-schema.js';
import { ConfigError, loadConfig } from './load-config.js';

const DEFAULTS = {
  dataDir: './data',
  host: '127.0.0.1',
  port: 8080,
  tlsCert: undefined,
  tlsKey: undefined,
  masterKeyFile: undefined,
  masterKey: undefined,
  databaseUrl: undefined,
  databaseSchema: 'public',
  databasePoolSize: 10,
  databaseConnectTimeoutMs: 5000,
  databaseStatementTimeoutMs: 5000,
  databaseIdleTimeoutMs: 10_000,
  logLevel: 'info',
  maxBodyBytes: 1024 * 1024,
  maxHeaderBytes: 16 * 1024,
  hostId: 'ram.aliyuncs.com',
  lastUseFlushMs: 1000,
  trustedProxies: [],
  auditRetentionDays: 365,
  usageRetentionDays: 400,
  verifyFailuresPerCaller: 600,
  shutdownTimeoutMs: 10_000,
  authFailureWindowMs: 60_000,
  authFailuresPerKey: 20,
  authFailuresPerSource: 100,
  authFailureTrackedMax: 10_000,
};

/** The ConfigError `loadConfig` throws for these inputs (fails the test if it does not throw one). */
function configErrorOf(
  flags: Readonly<Record<string, string | undefined>>,
  env: Readonly<Record<string, string | undefined>>,
): ConfigError {
  try {
    loadConfig(flags, env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadConfig', () => {
  it('uses every default when nothing is set', () => {
    const config = loadConfig({}, {});
    expect(config).toEqual(DEFAULTS);
    expect(Object.keys(config).sort()).toEqual(Object.keys(CONFIG_KEYS).sort());
  });

  it('reads every key from its environment variable', () => {
    const config = loadConfig(
      {},
      {
        AKM_DATA_DIR: '/var/lib/akm',
        AKM_HOST: '0.0.0.0',
        AKM_PORT: '9000',
        AKM_TLS_CERT: '/c.pem',
        AKM_TLS_KEY: '/k.pem',
        AKM_MASTER_KEY_FILE: '/etc/akm/master.key',
        AKM_MASTER_KEY: 'bWFzdGVy',
        AKM_DATABASE_URL: 'postgres://db.internal/akm',
        AKM_DATABASE_SCHEMA: 'akm',
        AKM_DATABASE_POOL_SIZE: '20',
        AKM_DATABASE_CONNECT_TIMEOUT_MS: '1000',
        AKM_DATABASE_STATEMENT_TIMEOUT_MS: '2000',
        AKM_DATABASE_IDLE_TIMEOUT_MS: '3000',
        AKM_LOG_LEVEL: 'debug',
        AKM_MAX_BODY_BYTES: '4096',
        AKM_HOST_ID: 'ram.example.com',
        AKM_LAST_USE_FLUSH_MS: '250',
        AKM_TRUSTED_PROXIES: '10.0.0.0/8, ::1',
        AKM_AUDIT_RETENTION_DAYS: '30',
        AKM_USAGE_RETENTION_DAYS: '60',
        AKM_VERIFY_FAILURES_PER_CALLER: '50',
        AKM_SHUTDOWN_TIMEOUT_MS: '500',
        AKM_MAX_HEADER_BYTES: '2048',
        AKM_AUTH_FAILURE_WINDOW_MS: '1000',
        AKM_AUTH_FAILURES_PER_KEY: '2',
        AKM_AUTH_FAILURES_PER_SOURCE: '3',
        AKM_AUTH_FAILURE_TRACKED_MAX: '4',
      },
    );
    expect(config).toEqual({
      dataDir: '/var/lib/akm',
      host: '0.0.0.0',
      port: 9000,
      tlsCert: '/c.pem',
      tlsKey: '/k.pem',
      masterKeyFile: '/etc/akm/master.key',
      masterKey: 'bWFzdGVy',
      databaseUrl: 'postgres://db.internal/akm',
      databaseSchema: 'akm',
      databasePoolSize: 20,
      databaseConnectTimeoutMs: 1000,
      databaseStatementTimeoutMs: 2000,
      databaseIdleTimeoutMs: 3000,
      logLevel: 'debug',
      maxBodyBytes: 4096,
      hostId: 'ram.example.com',
      lastUseFlushMs: 250,
      trustedProxies: ['10.0.0.0/8', '::1'],
      auditRetentionDays: 30,
      usageRetentionDays: 60,
      verifyFailuresPerCaller: 50,
      shutdownTimeoutMs: 500,
      maxHeaderBytes: 2048,
      authFailureWindowMs: 1000,
      authFailuresPerKey: 2,
      authFailuresPerSource: 3,
      authFailureTrackedMax: 4,
    });
  });

  it('prefers a flag over the environment, and the environment over the default', () => {
    const config = loadConfig(
      { 'data-dir': '/flag', port: '1111' },
      { AKM_DATA_DIR: '/env', AKM_PORT: '2222', AKM_HOST: '10.0.0.1' },
    );
    expect([config.dataDir, config.port, config.host, config.logLevel]).toEqual([
      '/flag',
      1111,
      '10.0.0.1',
      'info',
    ]);
  });

  it('reads each flag by its documented name', () => {
    const config = loadConfig(
      {
        'data-dir': '/d',
        host: '::1',
        port: '0',
        'tls-cert': '/c',
        'tls-key': '/k',
        'log-level': 'error',
      },
      {},
    );
    expect(config).toMatchObject({
      dataDir: '/d',
      host: '::1',
      port: 0,
      tlsCert: '/c',
      tlsKey: '/k',
      logLevel: 'error',
    });
  });

  it('has no flag for environment-only keys', () => {
    const config = loadConfig(
      { 'max-body-bytes': '5', 'master-key': 'x', masterKey: 'x', maxBodyBytes: '5' },
      {},
    );
    expect(config.maxBodyBytes).toBe(DEFAULTS.maxBodyBytes);
    expect(config.masterKey).toBeUndefined();
  });

  it('refuses a trusted proxy that is not an address or CIDR range', () => {
    expect(configErrorOf({}, { AKM_TRUSTED_PROXIES: '10.0.0.1, proxy.local' }).message).toContain(
      'AKM_TRUSTED_PROXIES: not an IP address or CIDR range: proxy.local',
    );
  });

  it('treats an empty environment variable as unset', () => {
    expect(loadConfig({}, { AKM_PORT: '', AKM_HOST: '', AKM_LOG_LEVEL: '' })).toEqual(DEFAULTS);
  });

  it('treats an undefined flag as unset', () => {
    expect(loadConfig({ port: undefined }, { AKM_PORT: '3000' }).port).toBe(3000);
  });

  it.each([
    ['0', 0],
    ['65535', 65535],
  ])('accepts port %s', (port, value) => {
    expect(loadConfig({ port }, {}).port).toBe(value);
  });

  it.each(['-1', '65536', '80.5', 'http', 'NaN'])('rejects port %j', (port) => {
    expect(configErrorOf({ port }, {}).message).toContain('--port / AKM_PORT');
  });

  it.each([
    ['an empty --port flag', { port: '' }, {}],
    ['a blank AKM_PORT', {}, { AKM_PORT: '  ' }],
  ])('does not read %s as port 0 (a random port)', (_, flags, env) => {
    let port: number | undefined;
    try {
      port = loadConfig(flags, env).port;
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return;
    }
    expect(port).toBe(DEFAULTS.port);
  });

  it.each(['trace', 'INFO', 'warning'])('rejects log level %j', (level) => {
    expect(configErrorOf({ 'log-level': level }, {}).message).toContain('--log-level / AKM_LOG_LEVEL');
  });

  it.each([
    ['AKM_MAX_BODY_BYTES', '0'],
    ['AKM_MAX_BODY_BYTES', '-5'],
    ['AKM_LAST_USE_FLUSH_MS', '0'],
    ['AKM_SHUTDOWN_TIMEOUT_MS', '1.5'],
  ])('rejects %s=%s, naming only the variable', (name, value) => {
    const message = configErrorOf({}, { [name]: value }).message;
    expect(message).toMatch(new RegExp(`^invalid configuration:\\n  ${name}: `));
  });

  it('reports every problem together in one ConfigError', () => {
    const error = configErrorOf(
      { port: 'x', 'log-level': 'loud' },
      { AKM_MAX_BODY_BYTES: '0', AKM_SHUTDOWN_TIMEOUT_MS: 'soon' },
    );
    expect(error.name).toBe('ConfigError');
    const lines = error.message.split('\n');
    expect(lines[0]).toBe('invalid configuration:');
    expect(lines.slice(1).map((line) => line.split(':')[0]?.trim())).toEqual([
      '--port / AKM_PORT',
      '--log-level / AKM_LOG_LEVEL',
      'AKM_MAX_BODY_BYTES',
      'AKM_SHUTDOWN_TIMEOUT_MS',
    ]);
  });

  describe('TLS', () => {
    it('accepts a certificate and key together, from flags or environment', () => {
      expect(loadConfig({ 'tls-cert': '/c', 'tls-key': '/k' }, {})).toMatchObject({
        tlsCert: '/c',
        tlsKey: '/k',
      });
      expect(loadConfig({ 'tls-cert': '/c' }, { AKM_TLS_KEY: '/k' })).toMatchObject({
        tlsCert: '/c',
        tlsKey: '/k',
      });
    });

    it.each([
      ['only a certificate', { 'tls-cert': '/c' }, {}],
      ['only a key', { 'tls-key': '/k' }, {}],
      ['only a certificate, from the environment', {}, { AKM_TLS_CERT: '/c' }],
      ['a key and an empty certificate variable', { 'tls-key': '/k' }, { AKM_TLS_CERT: '' }],
    ])('rejects %s', (_, flags, env) => {
      expect(configErrorOf(flags, env).message).toBe(
        'invalid configuration:\n  --tls-cert and --tls-key must be given together',
      );
    });

    it('reports a lone certificate together with the other problems', () => {
      const message = configErrorOf({ 'tls-cert': '/c', port: 'x' }, {}).message;
      expect(message).toContain('--port / AKM_PORT');
      expect(message).toContain('--tls-cert and --tls-key must be given together');
    });
  });

  it('returns a frozen configuration', () => {
    const config = loadConfig({}, {});
    expect(Object.isFrozen(config)).toBe(true);
    expect(Reflect.set(config, 'port', 1)).toBe(false);
    expect(config.port).toBe(8080);
  });

  it('does not mutate its inputs', () => {
    const flags = Object.freeze({ port: '1' });
    const env = Object.freeze({ AKM_HOST: 'h' });
    expect(() => loadConfig(flags, env)).not.toThrow();
  });
});
