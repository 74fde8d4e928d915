/**
 * Drives the real `akm` binary (`node bin/akm.js`) against a real server for the CLI suites: each run
 * gets a clean environment (no AKM_* from the test process, a temp HOME) plus what the test adds, and
 * optionally text on stdin.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import { AKM_BIN, type AkmResult, akmEnv } from '../support/akm-cli-process.js';
import {
  type RootKey,
  startTestServer,
  type TestServer,
  type TestServerOptions,
} from '../support/akm-test-server.js';

/** How to run one command. */
export interface RunOptions {
  /** Extra environment (on top of a clean one with HOME set). */
  readonly env?: Readonly<Record<string, string>>;
  /** Written to stdin, which is then closed; stdin is empty otherwise. */
  readonly input?: string;
}

/** Runs `node bin/akm.js ...args` to completion. */
export function runCli(args: readonly string[], home: string, options: RunOptions = {}): Promise<AkmResult> {
  const child = spawn(process.execPath, [AKM_BIN, ...args], {
    env: akmEnv({ HOME: home, ...options.env }),
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

/** The environment that points the CLI at a server with a key pair. */
export function credentialsEnv(server: TestServer, key: Pick<RootKey, 'accessKeyId' | 'accessKeySecret'>) {
  return {
    AKM_ENDPOINT: server.url,
    AKM_ACCESS_KEY_ID: key.accessKeyId,
    AKM_ACCESS_KEY_SECRET: key.accessKeySecret,
  };
}

/** A temp directory to serve as HOME, and its removal. */
export function makeHome(): { readonly home: string; remove(): void } {
  const home = mkdtempSync(join(tmpdir(), 'akm-cli-home-'));
  return { home, remove: () => rmSync(home, { recursive: true, force: true }) };
}

/** A JSON object as the CLI printed it. */
export type Printed = Record<string, unknown>;

/** What `akm key create` says on stderr, in every output mode. */
export const SECRET_WARNING =
  'akm: this AccessKey secret is shown only now and cannot be shown again; store it safely.\n';

/** Asserts exit 0 and exactly `stderr` (nothing by default), and parses stdout as JSON. */
export function okJson(result: AkmResult, stderr = ''): Printed {
  expect(result.stderr, result.stderr).toBe(stderr);
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as Printed;
}

/** Asserts exit 0 and exactly `stderr` (nothing by default), and returns the table text. */
export function okTable(result: AkmResult, stderr = ''): string {
  expect(result.stderr, result.stderr).toBe(stderr);
  expect(result.code).toBe(0);
  return result.stdout;
}

/** The lines of a table, each split into its cells (cells never contain two spaces in these tests). */
export function tableCells(table: string): string[][] {
  return table
    .trimEnd()
    .split('\n')
    .map((line) => line.split(/ {2,}/));
}

/** A `RequestId` as RAM renders it. */
export const REQUEST_ID = /^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$/;

/** Asserts an API error: exit 1, nothing on stdout, `akm: <code>: … (request id …)` on stderr. */
export function expectApiError(result: AkmResult, code: string): void {
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(
    new RegExp(`^akm: ${code.replaceAll('.', '\\.')}: .+ \\(request id [0-9A-F-]{36}\\)\\n$`),
  );
  expect(result.code).toBe(1);
}

/** Asserts a usage error: exit 2, nothing on stdout, the message on stderr. */
export function expectUsageError(result: AkmResult, message: string | RegExp): void {
  expect(result.stdout).toBe('');
  expect(result.stderr).toMatch(message);
  expect(result.code).toBe(2);
}

/** Reads a nested value of printed JSON by path, failing clearly when a step is missing. */
export function at(value: unknown, ...path: Array<string | number>): unknown {
  let current = value;
  for (const step of path) {
    if (typeof current !== 'object' || current === null || !(step in current)) {
      throw new Error(`no ${path.join('.')} in ${JSON.stringify(value)}`);
    }
    current = (current as Record<string | number, unknown>)[step];
  }
  return current;
}

/** An AccessKey pair as `akm key create` printed it. */
export interface KeyPair {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

/** The pair in a printed CreateAccessKey response. */
export function keyOf(created: Printed): KeyPair {
  return {
    accessKeyId: String(at(created, 'AccessKey', 'AccessKeyId')),
    accessKeySecret: String(at(created, 'AccessKey', 'AccessKeySecret')),
  };
}

/** A suite's server and HOME, and ways to run the CLI against them. */
export interface CliSuite {
  readonly server: TestServer;
  readonly home: string;
  /** Runs a command as the account root (credentials in the environment). */
  asRoot(...args: string[]): Promise<AkmResult>;
  /** Runs a command with the given key pair. */
  as(key: KeyPair, ...args: string[]): Promise<AkmResult>;
  /** Runs a command with only what `options` gives (no credentials unless it sets them). */
  run(args: readonly string[], options?: RunOptions): Promise<AkmResult>;
  /** Creates a user and one key for it, through the CLI, and returns the pair. */
  createUserWithKey(userName: string): Promise<KeyPair>;
}

/**
 * Starts a server and makes a HOME before the suite's tests, and removes both after them. Call it in a
 * `describe` body; its properties may be read inside tests and hooks only.
 */
export function useCliSuite(options: TestServerOptions = {}): CliSuite {
  let started: { server: TestServer; home: ReturnType<typeof makeHome> } | undefined;
  beforeAll(async () => {
    started = { server: await startTestServer(options), home: makeHome() };
  });
  afterAll(async () => {
    await started?.server.destroy();
    started?.home.remove();
  });
  const current = () => {
    if (!started) throw new Error('the CLI suite has not started yet');
    return started;
  };
  const suite: CliSuite = {
    get server() {
      return current().server;
    },
    get home() {
      return current().home.home;
    },
    as: (key, ...args) => runCli(args, suite.home, { env: credentialsEnv(suite.server, key) }),
    asRoot: (...args) => suite.as(suite.server.root, ...args),
    run: (args, runOptions) => runCli(args, suite.home, runOptions),
    async createUserWithKey(userName) {
      okJson(await suite.asRoot('user', 'create', '--user', userName));
      return keyOf(okJson(await suite.asRoot('key', 'create', '--user', userName), SECRET_WARNING));
    },
  };
  return suite;
}
