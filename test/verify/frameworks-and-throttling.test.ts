// akm/verify in Express and Fastify (body hashed before their parsers, principal attached), and the
// throttling of failed verifications per verified key and per verifying caller.
import type { AddressInfo } from 'node:net';
import express from 'express';
import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  AkmVerifier,
  type VerifiedPrincipal,
  VerifyCallError,
  VerifyClient,
} from '../../src/verify/index.js';
import { createUserWithKey } from '../support/acceptance-helpers.js';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import { codeOf, sendRaw } from '../support/e2e-raw-ram.js';
import { type Credentials, ramClient } from '../support/ram-clients.js';
import { sigV4Request, type Target, targetOf, v3Request } from '../support/verified-service-clients.js';

declare module 'fastify' {
  interface FastifyRequest {
    principal?: VerifiedPrincipal | null;
  }
}

let akm: TestServer;
let greeter: Credentials;
let alice: Credentials;

beforeAll(async () => {
  akm = await startTestServer({
    env: { AKM_AUTH_FAILURES_PER_KEY: '2', AKM_VERIFY_FAILURES_PER_CALLER: '5' },
  });
  const root = ramClient(akm.endpoint, akm.root);
  greeter = await createUserWithKey(root, 'greeter-svc', ['AkmVerifyAccess']);
  alice = await createUserWithKey(root, 'alice');
});

afterAll(async () => {
  await akm?.destroy();
});

function verifierFor(credentials: Credentials): AkmVerifier {
  return new AkmVerifier({ endpoint: akm.url, ...credentials, service: 'greeter' });
}

describe('Express', () => {
  it('verifies before the body parsers and attaches the principal and the raw body', async () => {
    const verifier = verifierFor(greeter);
    const app = express();
    app.use(verifier.express());
    app.post('/greetings', (req, res) => {
      const { principal, rawBody } = req as typeof req & { principal?: VerifiedPrincipal; rawBody?: Buffer };
      res.json({ user: principal?.userName, body: rawBody?.toString('utf8') });
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const target = targetOf(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    try {
      const ok = await sendRaw(target, await sigV4Request(target, alice));
      expect([ok.status, ok.json]).toEqual([200, { user: 'alice', body: '{"greeting":"hi"}' }]);
      const tampered = await sendRaw(target, {
        ...(await sigV4Request(target, alice)),
        body: '{"greeting":"yo"}',
      });
      expect(tampered.status).toBe(403);
      expect(tampered.text).toContain('<Code>SignatureDoesNotMatch</Code>');
    } finally {
      verifier.close();
      server.close();
    }
  });
});

describe('Fastify', () => {
  it("hooks preParsing, hands the body on to Fastify's parser and attaches the principal", async () => {
    const verifier = verifierFor(greeter);
    const app = Fastify();
    await app.register(verifier.fastify);
    app.post('/greetings', async (request) => ({ user: request.principal?.userName, body: request.body }));
    app.get('/', async (request) => ({ user: request.principal?.userName }));
    const url = await app.listen({ port: 0, host: '127.0.0.1' });
    const target: Target = targetOf(url);
    try {
      const posted = await sendRaw(target, await sigV4Request(target, alice));
      expect([posted.status, posted.json]).toEqual([200, { user: 'alice', body: { greeting: 'hi' } }]);
      const refused = await sendRaw(target, { ...v3Request(target, alice), path: '/?Name=mallory' });
      expect([refused.status, codeOf(refused)]).toEqual([400, 'SignatureDoesNotMatch']);
    } finally {
      verifier.close();
      await app.close();
    }
  });
});

describe('throttling of failed verifications', () => {
  /** A request with a wrong signature. */
  const forged = (target: Target, key: Credentials) => ({ ...v3Request(target, key), path: '/?Name=forged' });

  it('answers Throttling for a key past its failure limit, yet still accepts its valid signatures', async () => {
    const root = ramClient(akm.endpoint, akm.root);
    const carol = await createUserWithKey(root, 'carol');
    const checker = await createUserWithKey(root, 'checker-svc', ['AkmVerifyAccess']);
    const client = new VerifyClient({ endpoint: akm.url, ...checker, service: 'greeter' });
    const target = targetOf('http://127.0.0.1:9');
    try {
      const codes: string[] = [];
      for (let i = 0; i < 3; i++) {
        const answer = await client.verify(forwardedOf(forged(target, carol), target));
        codes.push(answer.verified ? 'verified' : answer.error.code);
      }
      expect(codes).toEqual(['SignatureDoesNotMatch', 'SignatureDoesNotMatch', 'Throttling.User']);
      const valid = await client.verify(forwardedOf(v3Request(target, carol), target));
      expect(valid.verified).toBe(true);
    } finally {
      client.close();
    }
  });

  it('refuses the verify calls of a caller past its failure limit, in bounded memory', async () => {
    const root = ramClient(akm.endpoint, akm.root);
    const noisy = await createUserWithKey(root, 'noisy-svc', ['AkmVerifyAccess']);
    const client = new VerifyClient({ endpoint: akm.url, ...noisy, service: 'greeter' });
    const target = targetOf('http://127.0.0.1:9');
    try {
      // Unknown keys: each failure counts against the caller, none can grow a per-key table past its bound.
      for (let i = 0; i < 5; i++) {
        const unknown = {
          accessKeyId: `LTAI${String(i).padStart(20, '0')}`,
          accessKeySecret: 'x'.repeat(30),
        };
        const answer = await client.verify(forwardedOf(v3Request(target, unknown), target));
        expect(answer.verified).toBe(false);
      }
      const refused = await client
        .verify(forwardedOf(v3Request(target, alice), target))
        .catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(VerifyCallError);
      expect(refused).toMatchObject({ code: 'Throttling.User', status: 400 });
    } finally {
      client.close();
    }
  });
});

/** The object akm/verify would forward for a raw request sent to `target`. */
function forwardedOf(request: { path: string; headers: Readonly<Record<string, string>> }, target: Target) {
  const [path = '/', search = ''] = request.path.split('?');
  return {
    method: 'POST',
    host: target.endpoint,
    path,
    query: Object.fromEntries(new URLSearchParams(search)),
    headers: { ...request.headers },
    bodySha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  };
}
