// The browser signer (WebCrypto, here Node's globalThis.crypto) against the official SDK's captured
// requests, the published V3 examples, and the server's own client signer.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { signAcsV3Request } from '../signing/client-sign.js';
import { parseFormEncoded } from '../signing/parse-form.js';
import { canonicalQuery, formatAcsDate, randomNonce, signRamRequest } from './ram-signer.js';

interface V3Request {
  readonly label: string;
  readonly scheme: string;
  readonly url: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

interface Captures {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  readonly requests: ReadonlyArray<Omit<V3Request, 'accessKeyId' | 'accessKeySecret'>>;
}

function readFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

const captures = readFixture<Captures>('ram-wire-captures.json');
const capturedV3: V3Request[] = captures.requests
  .filter((r) => r.scheme.startsWith('V3'))
  .map((r) => ({ ...r, accessKeyId: captures.accessKeyId, accessKeySecret: captures.accessKeySecret }));
const documentedV3: V3Request[] = readFixture<{
  v3: Array<V3Request & { id: string; authorization: string }>;
}>('signature-known-answers.json').v3.map((a) => ({
  ...a,
  label: a.id,
  scheme: 'V3',
  headers: { ...a.headers, authorization: a.authorization },
}));

/** The headers the signer sets itself; any other x-acs-* header of a request is an extra. */
const OWN_HEADERS = new Set([
  'x-acs-action',
  'x-acs-version',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-content-sha256',
]);

/** Re-signs a recorded request from its decoded parts, as the console would have sent it. */
function resign(request: V3Request): Promise<Record<string, string>> {
  const url = new URL(request.url, `http://${request.headers.host}`);
  const header = (name: string) => request.headers[name] ?? '';
  return signRamRequest({
    host: header('host'),
    action: header('x-acs-action'),
    version: header('x-acs-version'),
    query: Object.fromEntries(parseFormEncoded(url.search.slice(1))),
    accessKeyId: request.accessKeyId,
    secret: request.accessKeySecret,
    date: new Date(header('x-acs-date')),
    nonce: header('x-acs-signature-nonce'),
    extraHeaders: Object.fromEntries(
      Object.entries(request.headers).filter(([name]) => name.startsWith('x-acs-') && !OWN_HEADERS.has(name)),
    ),
  });
}

describe('signRamRequest', () => {
  it.each([...documentedV3, ...capturedV3].map((r) => [r.label, r] as const))(
    'reproduces the Authorization of %s',
    async (_, request) => {
      const headers = await resign(request);
      expect(headers.authorization).toBe(request.headers.authorization);
      expect(headers['x-acs-content-sha256']).toBe(request.headers['x-acs-content-sha256']);
    },
  );

  it('covers every V3 request the official SDK was captured sending', () => {
    expect(capturedV3.length).toBeGreaterThanOrEqual(12);
  });

  const inputs = [
    { label: 'no parameters', query: {} },
    { label: 'RFC 3986 specials and UTF-8', query: { DisplayName: "a+b (c)*!'~ 张三 /=&", UserName: 'x' } },
    { label: 'an empty value and unsorted names', query: { Marker: '', MaxItems: '10', Comments: 'z' } },
  ];
  it.each(inputs.map((i) => [i.label, i.query] as const))(
    'gives the same headers as src/signing/client-sign.ts for %s',
    async (_, query) => {
      const common = {
        host: '127.0.0.1:8080',
        action: 'ListUsers',
        version: '2015-05-01',
        query,
        accessKeyId: 'LTAI5tEXAMPLEEXAMPLE0000',
        nonce: 'a'.repeat(64),
        extraHeaders: { 'x-acs-credentials-provider': 'static_ak' },
      };
      const date = new Date(Date.UTC(2026, 10, 29, 19, 42, 46));
      const ours = await signRamRequest({ ...common, secret: 'SecretSecret0123456789', date });
      const { host, ...theirs } = signAcsV3Request({
        ...common,
        method: 'POST',
        secret: 'SecretSecret0123456789',
        date,
      });
      expect(host).toBe(common.host);
      expect(ours).toEqual(theirs);
    },
  );

  it('never lets an extra header replace one it sets', async () => {
    const headers = await signRamRequest({
      host: 'h',
      action: 'GetUser',
      version: '2015-05-01',
      query: {},
      accessKeyId: 'id',
      secret: 's',
      date: new Date(0),
      nonce: 'n',
      extraHeaders: { 'X-Acs-Action': 'DeleteUser' },
    });
    expect(headers['x-acs-action']).toBe('GetUser');
  });
});

describe('canonicalQuery', () => {
  it('sends the canonical form: encoded, sorted, decodable to the same parameters', () => {
    const query = { b: "a+b (c)*!'~", a: '张 三', c: '' };
    const encoded = canonicalQuery(query);
    expect(encoded).toBe('a=%E5%BC%A0%20%E4%B8%89&b=a%2Bb%20%28c%29%2A%21%27~&c=');
    expect(Object.fromEntries(parseFormEncoded(encoded))).toEqual(query);
  });
});

describe('formatAcsDate and randomNonce', () => {
  it('formats x-acs-date without milliseconds, in UTC', () => {
    expect(formatAcsDate(new Date(Date.UTC(2026, 0, 2, 3, 4, 5, 678)))).toBe('2026-01-02T03:04:05Z');
  });

  it('makes 64-hex nonces that differ', () => {
    const [a, b] = [randomNonce(), randomNonce()];
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(a).not.toBe(b);
  });
});
