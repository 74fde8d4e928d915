/**
 * Fuzzing (issue 7): 10,000 generated requests against a real `akm serve` — validly signed RAM V1, RAM V3
 * and IAM SigV4 requests with hostile parameters, each mutated once (bad encodings, invalid UTF-8, huge and
 * empty values, duplicate parameters, wrong types, truncated or oversized headers and bodies, bad methods,
 * paths and Authorization headers, raw garbage). Every answer must be a well-formed RAM JSON/XML or IAM
 * XML document, never a 5xx; the limits must answer 413/431; the process must stay up and healthy.
 * `AKM_FUZZ_SEED=<n>` replays a run; the seed is printed with every failure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signAcsV3Request } from '../../src/signing/client-sign.js';
import { type BinaryServer, BinaryServerHost } from './support/binary-server.js';
import { recordErrorBodies, recordSecrets } from './support/evidence.js';
import { type FuzzCase, generateCase, serialize } from './support/fuzz-cases.js';
import { Prng } from './support/prng.js';
import { exchangeRaw } from './support/raw-http.js';
import { describeWireProblem, errorCodeOf } from './support/wire-response-check.js';

const CASES = 10_000;
const CONCURRENCY = 16;
const LIMITS = { maxBodyBytes: 4096, maxHeaderBytes: 8192 };
const SEED = Number(process.env.AKM_FUZZ_SEED ?? Math.floor(Math.random() * 2 ** 31));

/** Secrets a successful CreateAccessKey returned (the fuzzer signs with the root key, so some succeed). */
function secretsIn(body: string): string[] {
  return [...body.matchAll(/"AccessKeySecret":"([^"]+)"|<SecretAccessKey>([^<]+)</g)].map(
    (m) => m[1] ?? m[2] ?? '',
  );
}

describe(`fuzzing a real akm serve (seed ${SEED})`, () => {
  const host = new BinaryServerHost('fuzz', {
    AKM_MAX_BODY_BYTES: String(LIMITS.maxBodyBytes),
    AKM_MAX_HEADER_BYTES: String(LIMITS.maxHeaderBytes),
    // Failures are what the fuzzer sends; it tests what each answers, the abuse suite tests the throttle.
    AKM_AUTH_FAILURES_PER_KEY: '1000000',
    AKM_AUTH_FAILURES_PER_SOURCE: '1000000',
  });
  let server: BinaryServer;

  beforeAll(async () => {
    await host.init();
    server = await host.start();
  });

  afterAll(async () => {
    await host.stop();
  });

  /** Sends one case and returns a problem description, or undefined when the answer is acceptable. */
  async function run(fuzzCase: FuzzCase, bodies: string[]): Promise<string | undefined> {
    const exchange = await exchangeRaw(server.port, fuzzCase.bytes, { halfClose: fuzzCase.halfClose });
    const problem = describeWireProblem(exchange);
    if (problem) return `${fuzzCase.name}: ${problem}`;
    if (exchange.kind !== 'response') return undefined;
    const body = exchange.response.body.toString('utf8');
    if (exchange.response.status >= 400) bodies.push(body);
    else recordSecrets(secretsIn(body));
    if (fuzzCase.expect) {
      const got = `${exchange.response.status} ${errorCodeOf(body)}`;
      const want = `${fuzzCase.expect.status} ${fuzzCase.expect.code}`;
      if (got !== want) return `${fuzzCase.name}: got ${got}, expected ${want}`;
    }
    return undefined;
  }

  it(`answers ${CASES} generated requests with well-formed wire errors, never a 5xx`, async () => {
    const rng = new Prng(SEED);
    const target = {
      host: server.endpoint,
      accessKeyId: host.root.accessKeyId,
      secret: host.root.accessKeySecret,
      ...LIMITS,
    };
    const problems: string[] = [];
    const bodies: string[] = [];
    let next = 0;
    const worker = async () => {
      while (next < CASES) {
        const index = next++;
        const problem = await run(generateCase(rng, target, index), bodies);
        if (problem) problems.push(problem);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    recordErrorBodies(bodies);
    const kinds = [...new Set(problems.map((p) => p.replace(/^#\d+ /, '')))];
    expect(
      kinds.slice(0, 30),
      `seed ${SEED}: ${problems.length} problems, e.g. ${problems.slice(0, 5).join('; ')}`,
    ).toEqual([]);
    expect(server.process.child.exitCode, `seed ${SEED}: the server exited`).toBeNull();
  });

  it('enforces the body limit (413) and the header limit (431) with well-formed errors', async () => {
    const base = { method: 'POST', target: '/', body: Buffer.alloc(0) };
    const cases: Array<[FuzzCase, number, string]> = [
      [
        {
          name: 'declared body over the limit',
          bytes: serialize({
            ...base,
            headers: [
              ['host', server.endpoint],
              ['content-length', String(LIMITS.maxBodyBytes + 1)],
            ],
          }),
          halfClose: false,
        },
        413,
        'RequestEntityTooLarge',
      ],
      [
        {
          name: 'IAM body over the limit',
          bytes: serialize({
            ...base,
            headers: [
              ['host', server.endpoint],
              ['authorization', 'AWS4-HMAC-SHA256 Credential=AKIAX/20240101/us-east-1/iam/aws4_request'],
            ],
            body: Buffer.alloc(LIMITS.maxBodyBytes + 1, 0x61),
          }),
          halfClose: false,
        },
        413,
        'RequestEntityTooLarge',
      ],
      [
        {
          name: 'headers over the limit',
          bytes: serialize({
            ...base,
            headers: [
              ['host', server.endpoint],
              ['x-big', 'b'.repeat(LIMITS.maxHeaderBytes)],
            ],
          }),
          halfClose: false,
        },
        431,
        'RequestHeaderFieldsTooLarge',
      ],
    ];
    for (const [fuzzCase, status, code] of cases) {
      const exchange = await exchangeRaw(server.port, fuzzCase.bytes);
      expect(describeWireProblem(exchange), fuzzCase.name).toBeUndefined();
      const response = exchange.kind === 'response' ? exchange.response : undefined;
      expect([response?.status, errorCodeOf(response?.body.toString('utf8') ?? '')], fuzzCase.name).toEqual([
        status,
        code,
      ]);
    }
  });

  it('is still up, healthy and serving signed requests afterwards', async () => {
    expect(server.process.child.exitCode).toBeNull();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const headers = signAcsV3Request({
      method: 'POST',
      host: server.endpoint,
      query: {},
      action: 'GetCallerIdentity',
      version: '2015-05-01',
      accessKeyId: host.root.accessKeyId,
      secret: host.root.accessKeySecret,
    });
    const response = await fetch(`${server.url}/`, { method: 'POST', headers });
    expect(response.status).toBe(200);
  });
});
