/** Helpers for the PostgreSQL tests: a private schema per test, raw SQL, and a TCP proxy that can cut the link. */
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { Client, escapeIdentifier } from 'pg';
import { connectionConfig } from './postgres-pool.js';
import { PostgresStore, type PostgresStoreOptions } from './postgres-store.js';

/**
 * The database the PostgreSQL tests use (e.g. `postgres://127.0.0.1:5432/test`). Unset: they do not run.
 * Set but unreachable: they fail, because opening a store fails.
 */
export const TEST_DATABASE_URL: string | undefined = process.env.AKM_TEST_DATABASE_URL || undefined;

/** The test database URL; only called inside suites that run when it is set. */
export function testDatabaseUrl(): string {
  if (TEST_DATABASE_URL === undefined) throw new Error('AKM_TEST_DATABASE_URL is not set');
  return TEST_DATABASE_URL;
}

/** A schema name no other run uses, so concurrent runs on one database cannot collide. */
export function newSchemaName(): string {
  return `akm_test_${randomBytes(8).toString('hex')}`;
}

/** Runs `work` on a one-off connection outside any akm store (as an operator or a newer akm would). */
export async function withRawClient<T>(work: (client: Client) => Promise<T>): Promise<T> {
  // The store's own connection settings, so the user name falls back the same way.
  const client = new Client(connectionConfig({ connectionString: testDatabaseUrl() }));
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Drops a test schema and everything in it. */
export async function dropSchema(schema: string): Promise<void> {
  await withRawClient((client) => client.query(`DROP SCHEMA IF EXISTS ${escapeIdentifier(schema)} CASCADE`));
}

/** Opens stores on one fresh schema and, in `cleanup`, closes them all and drops the schema. */
export function useTestSchema() {
  const schema = newSchemaName();
  const opened: PostgresStore[] = [];
  return {
    schema,
    /** Opens a store on the schema (migrating by default) that `cleanup` closes. */
    async open(options: Partial<PostgresStoreOptions> = {}): Promise<PostgresStore> {
      const store = await PostgresStore.open({
        connectionString: testDatabaseUrl(),
        schema,
        migrate: true,
        poolSize: 4,
        ...options,
      });
      opened.push(store);
      return store;
    },
    async cleanup(): Promise<void> {
      for (const store of opened.splice(0)) await store.close();
      await dropSchema(schema);
    },
  };
}

/** `url` with its host and port replaced, e.g. to go through a {@link TcpProxy}. */
export function withHostPort(url: string, host: string, port: number): string {
  const parsed = new URL(url);
  parsed.hostname = host;
  parsed.port = String(port);
  return parsed.toString();
}

/**
 * A TCP proxy in front of the test database. `cut()` stops listening and destroys every proxied
 * connection (the database "goes away"); `restore()` listens again on the same port.
 */
export class TcpProxy {
  #server: Server | undefined;
  readonly #sockets = new Set<Socket>();
  #port = 0;

  private constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  /** Starts a proxy on a free local port in front of the test database. */
  static async start(): Promise<TcpProxy> {
    const target = new URL(testDatabaseUrl());
    const proxy = new TcpProxy(target.hostname || '127.0.0.1', Number(target.port || 5432));
    await proxy.restore();
    return proxy;
  }

  /** The local port; stable across cut and restore. */
  get port(): number {
    return this.#port;
  }

  /** The test database URL through this proxy. */
  get url(): string {
    return withHostPort(testDatabaseUrl(), '127.0.0.1', this.#port);
  }

  /** Listens (again) on the proxy's port. */
  async restore(): Promise<void> {
    const server = createServer((client) => this.#pipe(client));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.#port, '127.0.0.1', () => resolve());
    });
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('proxy has no TCP address');
    this.#port = address.port;
    this.#server = server;
  }

  /** Refuses new connections and destroys the open ones. */
  async cut(): Promise<void> {
    const server = this.#server;
    this.#server = undefined;
    for (const socket of this.#sockets) socket.destroy();
    this.#sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #pipe(client: Socket): void {
    const upstream = tcpConnect(this.targetPort, this.targetHost);
    for (const [socket, peer] of [
      [client, upstream],
      [upstream, client],
    ] as const) {
      this.#sockets.add(socket);
      socket.on('error', () => peer.destroy());
      socket.on('close', () => {
        this.#sockets.delete(socket);
        peer.destroy();
      });
    }
    client.pipe(upstream).pipe(client);
  }
}
