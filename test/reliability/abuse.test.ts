/**
 * Abuse (issue 7): failed signature attempts are throttled per AccessKeyId and per source address (RAM
 * Throttling.User with x-acs-retry-after, IAM Throttling "Rate exceeded"), a correctly signed request is
 * never refused — neither for the key under attack nor from the attacking address — and a flood of
 * random unknown AccessKeyIds from thousands of addresses does not grow the server's memory.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeQuery, signAcsV1Params } from '../../src/signing/client-sign.js';
import type { Credentials } from '../support/ram-clients.js';
import { type BinaryServer, BinaryServerHost } from './support/binary-server.js';
import { recordErrorBodies, recordSecrets } from './support/evidence.js';
import { exchangeRaw } from './support/raw-http.js';
import {
  type CallResult,
  type CallTarget,
  callWire,
  createdKeyOf,
  type Wire,
} from './support/signed-calls.js';

const PER_KEY = 5;
const PER_SOURCE = 12;
const WIRES: readonly Wire[] = ['ram', 'iam'];

/** `<status> <code>` of a call, and the body kept for the secrets scan. */
function outcome(result: CallResult): string {
  if (result.status >= 400) recordErrorBodies([result.body]);
  return result.status === 200 ? 'ok' : `${result.status} ${result.code}`;
}

/** The throttled answer of each wire. */
const THROTTLED: Readonly<Record<Wire, string>> = { ram: '400 Throttling.User', iam: '400 Throttling' };
const BAD_SIGNATURE: Readonly<Record<Wire, string>> = {
  ram: '400 SignatureDoesNotMatch',
  iam: '403 SignatureDoesNotMatch',
};
const UNKNOWN_KEY: Readonly<Record<Wire, string>> = {
  ram: '404 InvalidAccessKeyId.NotFound',
  iam: '403 InvalidClientTokenId',
};

describe('throttling failed authentication', () => {
  const host = new BinaryServerHost('abuse', {
    AKM_AUTH_FAILURES_PER_KEY: String(PER_KEY),
    AKM_AUTH_FAILURES_PER_SOURCE: String(PER_SOURCE),
    // Long enough that nothing refills during the test, however slow the machine.
    AKM_AUTH_FAILURE_WINDOW_MS: '3600000',
  });
  let server: BinaryServer;
  const keys = new Map<string, Credentials>();
  const from = (localAddress: string): CallTarget => ({
    url: server.url,
    endpoint: server.endpoint,
    localAddress,
  });

  beforeAll(async () => {
    await host.init();
    server = await host.start();
    // Two users per wire (a victim key and a good key), so each wire's test starts with fresh budgets.
    for (const name of ['ram-victim', 'ram-good', 'iam-victim', 'iam-good']) {
      const admin = from('127.0.0.1');
      expect((await callWire('ram', admin, host.root, 'CreateUser', { UserName: name })).status).toBe(200);
      const key = createdKeyOf(
        await callWire('ram', admin, host.root, 'CreateAccessKey', { UserName: name }),
      );
      recordSecrets([key.accessKeySecret]);
      keys.set(name, key);
    }
  });

  afterAll(async () => {
    await host.stop();
  });

  const key = (name: string): Credentials => {
    const found = keys.get(name);
    if (!found) throw new Error(name);
    return found;
  };

  it.each(WIRES.map((wire, i) => [wire, i]))(
    '%s: hammering one key with bad signatures throttles that key and that address, never a good request',
    async (wireName) => {
      const wire = wireName as Wire;
      const attacker = from(wire === 'ram' ? '127.0.10.1' : '127.0.10.2');
      const victim = key(`${wire}-victim`);
      const forged = { accessKeyId: victim.accessKeyId, accessKeySecret: 'not-the-secret' };
      const answers: string[] = [];
      for (let i = 0; i < PER_SOURCE + 3; i += 1)
        answers.push(outcome(await callWire(wire, attacker, forged, 'GetCallerIdentity')));
      expect(answers).toEqual([
        ...Array(PER_KEY).fill(BAD_SIGNATURE[wire]),
        ...Array(PER_SOURCE + 3 - PER_KEY).fill(THROTTLED[wire]),
      ]);
      // The victim's owner, from anywhere, and another key from the attacker's own address, are served.
      expect(outcome(await callWire(wire, from('127.0.20.1'), victim, 'GetCallerIdentity'))).toBe('ok');
      expect(outcome(await callWire(wire, attacker, victim, 'GetCallerIdentity'))).toBe('ok');
      expect(outcome(await callWire(wire, attacker, key(`${wire}-good`), 'GetCallerIdentity'))).toBe('ok');
      // Another address failing with another key still gets the real answer.
      const elsewhere = { accessKeyId: key(`${wire}-good`).accessKeyId, accessKeySecret: 'wrong' };
      expect(outcome(await callWire(wire, from('127.0.20.2'), elsewhere, 'GetCallerIdentity'))).toBe(
        BAD_SIGNATURE[wire],
      );
    },
  );

  it.each(WIRES.map((wire, i) => [wire, i]))(
    '%s: random unknown keys from one address throttle that address only',
    async (wireName) => {
      const wire = wireName as Wire;
      const prober = from(wire === 'ram' ? '127.0.30.1' : '127.0.30.2');
      const answers: string[] = [];
      for (let i = 0; i < PER_SOURCE + 3; i += 1) {
        const random = { accessKeyId: `LTAI${randomBytes(10).toString('hex')}`, accessKeySecret: 'x' };
        answers.push(outcome(await callWire(wire, prober, random, 'GetCallerIdentity')));
      }
      expect(answers).toEqual([
        ...Array(PER_SOURCE).fill(UNKNOWN_KEY[wire]),
        ...Array(3).fill(THROTTLED[wire]),
      ]);
      const random = { accessKeyId: `LTAI${randomBytes(10).toString('hex')}`, accessKeySecret: 'x' };
      expect(outcome(await callWire(wire, from('127.0.40.1'), random, 'GetCallerIdentity'))).toBe(
        UNKNOWN_KEY[wire],
      );
      expect(outcome(await callWire(wire, prober, key(`${wire}-good`), 'GetCallerIdentity'))).toBe('ok');
    },
  );

  it('tells RAM clients how long to wait, in milliseconds (x-acs-retry-after, as openapi-core reads it)', async () => {
    const random = { accessKeyId: `LTAI${randomBytes(10).toString('hex')}`, accessKeySecret: 'x' };
    const result = await callWire('ram', from('127.0.30.1'), random, 'GetCallerIdentity');
    expect(outcome(result)).toBe(THROTTLED.ram);
    expect(JSON.parse(result.body)).toMatchObject({
      Message: 'Request was denied due to user flow control.',
    });
    expect(Number(result.headers['x-acs-retry-after'])).toBeGreaterThan(0);
    const iam = await callWire('iam', from('127.0.30.2'), random, 'GetCallerIdentity');
    expect(iam.body).toContain('<Message>Rate exceeded</Message>');
  });
});

describe('memory under a flood of unknown AccessKeyIds from many addresses', () => {
  const FLOOD = 3000;
  let child: ChildProcess;
  let port = 0;
  const replies: Array<(message: unknown) => void> = [];

  const ask = (message: string) =>
    new Promise<unknown>((resolve) => {
      replies.push(resolve);
      child.send(message);
    });

  beforeAll(async () => {
    const script = fileURLToPath(new URL('./support/heap-probe-server.mjs', import.meta.url));
    child = fork(script, [], {
      execArgv: ['--expose-gc'],
      env: { ...process.env, AKM_AUTH_FAILURE_TRACKED_MAX: '500' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (message) => replies.shift()?.(message));
    const ready = (await new Promise<unknown>((resolve) => replies.push(resolve))) as { url: string };
    port = Number(new URL(ready.url).port);
  });

  afterAll(async () => {
    child.send('stop');
    await new Promise((resolve) => child.once('exit', resolve));
  });

  /** Sends `count` V1 requests signed by random unknown keys, each from a random 127.x.y.z address. */
  async function flood(count: number): Promise<Map<number, number>> {
    const statuses = new Map<number, number>();
    let sent = 0;
    const worker = async () => {
      while (sent < count) {
        sent += 1;
        const params = signAcsV1Params({
          method: 'GET',
          params: { Action: 'GetCallerIdentity', Version: '2015-05-01' },
          accessKeyId: `LTAI${randomBytes(10).toString('hex')}`,
          secret: 'x',
        });
        const bytes = Buffer.from(
          `GET /?${encodeQuery(params)} HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n`,
        );
        const [a, b, c] = randomBytes(3);
        const exchange = await exchangeRaw(port, bytes, {
          localAddress: `127.${a}.${b}.${Math.max(1, c ?? 1)}`,
        });
        const status = exchange.kind === 'response' ? exchange.response.status : 0;
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    return statuses;
  }

  it(`holds the heap steady from ${FLOOD} to ${FLOOD * 10} requests`, async () => {
    await flood(FLOOD);
    const { heapUsed: after1 } = (await ask('heap')) as { heapUsed: number };
    const statuses = await flood(FLOOD * 9);
    const { heapUsed: after10 } = (await ask('heap')) as { heapUsed: number };
    console.log(
      `[abuse] heap after ${FLOOD}: ${(after1 / 2 ** 20).toFixed(1)} MiB, after ${FLOOD * 10}: ${(after10 / 2 ** 20).toFixed(1)} MiB; statuses ${JSON.stringify([...statuses])}`,
    );
    expect([...statuses.keys()].every((s) => s === 404 || s === 400)).toBe(true);
    // Remembering one item per request would add ~150 bytes each: 27,000 × 150 B ≈ 4 MiB.
    expect(after10 - after1).toBeLessThan(2 * 2 ** 20);
  });
});
