/**
 * The fuzzer's request generator: a validly signed RAM V1, RAM V3 or IAM SigV4 request with random (and
 * often hostile) parameters, then one random mutation of its structure or bytes. Everything comes from one
 * seeded PRNG, so a failing case is reproduced by its seed and index.
 */
import { IAM_API } from '../../../src/protocol/aws-query/iam-bindings.js';
import { RAM_BINDINGS } from '../../../src/protocol/ram-rpc/ram-bindings.js';
import { signAwsRequest } from '../../../src/signing/aws-client-sign.js';
import { encodeQuery, signAcsV1Params, signAcsV3Request } from '../../../src/signing/client-sign.js';
import type { Prng } from './prng.js';

/** A request before serialisation. */
export interface RawRequestParts {
  readonly method: string;
  /** Path and query as sent. */
  readonly target: string;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: Buffer;
}

/** One generated case. */
export interface FuzzCase {
  readonly name: string;
  readonly bytes: Buffer;
  /** Close our sending side after the bytes (for requests the server would otherwise wait to complete). */
  readonly halfClose: boolean;
  /** A status and code the case must get, when its mutation decides it (limits). */
  readonly expect?: { readonly status: number; readonly code: string };
}

/** What the generator signs with and sends to. */
export interface FuzzTarget {
  /** `127.0.0.1:<port>`. */
  readonly host: string;
  readonly accessKeyId: string;
  readonly secret: string;
  readonly maxBodyBytes: number;
  readonly maxHeaderBytes: number;
}

// Every action each wire serves, plus ones it does not.
const RAM_ACTIONS = [...RAM_BINDINGS.keys(), 'NoSuchAction', ''];
const IAM_ACTIONS = [...IAM_API.bindings.keys(), 'GetCallerIdentity', 'AttachUserPolicy', ''];
const RAM_PARAMS = [
  'UserName',
  'UserAccessKeyId',
  'Status',
  'NewUserName',
  'NewDisplayName',
  'DisplayName',
  'MaxItems',
  'Marker',
  'PolicyName',
  'PolicyType',
  'AllowUserToManageAccessKeys',
  'Email',
  'MobilePhone',
  'Comments',
  'Format',
];
const IAM_PARAMS = [
  'UserName',
  'AccessKeyId',
  'Status',
  'NewUserName',
  'NewPath',
  'Path',
  'PathPrefix',
  'Marker',
  'MaxItems',
];

/** Parameter values: plausible, empty, huge, of the wrong type, odd characters. */
function randomValue(rng: Prng): string {
  switch (rng.int(8)) {
    case 0:
      return rng.pick(['alice', 'bob', `fuzz-${rng.int(50)}`, 'Active', 'Inactive', 'System', 'XML', 'JSON']);
    case 1:
      return '';
    case 2:
      return 'x'.repeat(1 + rng.int(rng.chance(0.2) ? 9000 : 300));
    case 3:
      return rng.pick([
        '-1',
        '0',
        '1e3',
        'NaN',
        '0x10',
        '99999999999999999999',
        'null',
        '[]',
        '{}',
        'true',
        'TRUE',
      ]);
    case 4:
      return rng.pick([
        '名字',
        '😀😀',
        'a\u0000b',
        '\t\r\n',
        `'"<>&`,
        ']]>',
        '\u202e',
        '\ufeff',
        '%00',
        '..',
      ]);
    case 5:
      return rng.pick(['/', '/a//b/', '/../', '/a/', 'AdministratorAccess', 'AliyunRAMReadOnlyAccess']);
    case 6:
      return rng.text(1 + rng.int(40), 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJ0123456789.@_-+=,');
    default:
      return rng.text(1 + rng.int(20), '!#$&()*,/:;=?@[] ~^`{|}\\');
  }
}

function randomParams(rng: Prng, names: readonly string[]): Record<string, string> {
  const params: Record<string, string> = {};
  const count = rng.int(4);
  for (let i = 0; i < count; i += 1) params[rng.pick(names)] = randomValue(rng);
  return params;
}

/** A validly signed request of one of the three schemes, with random parameters. */
function signedRequest(rng: Prng, target: FuzzTarget): { scheme: string; parts: RawRequestParts } {
  const keys = { accessKeyId: target.accessKeyId, secret: target.secret };
  const host: [string, string] = ['host', target.host];
  switch (rng.int(4)) {
    case 0: {
      const params = {
        Action: rng.pick(RAM_ACTIONS),
        Version: '2015-05-01',
        ...randomParams(rng, RAM_PARAMS),
      };
      const query = encodeQuery(signAcsV1Params({ method: 'GET', params, ...keys }));
      return {
        scheme: 'v1-get',
        parts: { method: 'GET', target: `/?${query}`, headers: [host], body: Buffer.alloc(0) },
      };
    }
    case 1: {
      const params = {
        Action: rng.pick(RAM_ACTIONS),
        Version: '2015-05-01',
        ...randomParams(rng, RAM_PARAMS),
      };
      const body = Buffer.from(encodeQuery(signAcsV1Params({ method: 'POST', params, ...keys })));
      const headers: Array<[string, string]> = [host, ['content-type', 'application/x-www-form-urlencoded']];
      return { scheme: 'v1-post', parts: { method: 'POST', target: '/', headers, body } };
    }
    case 2: {
      const query = randomParams(rng, RAM_PARAMS);
      const signed = signAcsV3Request({
        method: 'POST',
        host: target.host,
        query,
        action: rng.pick(RAM_ACTIONS),
        version: '2015-05-01',
        ...keys,
      });
      const qs = encodeQuery(query);
      const headers = Object.entries(signed);
      return {
        scheme: 'v3',
        parts: { method: 'POST', target: qs ? `/?${qs}` : '/', headers, body: Buffer.alloc(0) },
      };
    }
    default: {
      const sts = rng.chance(0.15);
      const params = {
        Action: sts ? 'GetCallerIdentity' : rng.pick(IAM_ACTIONS),
        Version: sts ? '2011-06-15' : '2010-05-08',
        ...randomParams(rng, IAM_PARAMS),
      };
      const body = encodeQuery(params);
      const signed = signAwsRequest({
        method: 'POST',
        host: target.host,
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        accessKeyId: target.accessKeyId,
        secret: target.secret,
        region: rng.pick(['us-east-1', 'eu-west-1', '']),
        service: sts ? 'sts' : 'iam',
      });
      return {
        scheme: 'sigv4',
        parts: { method: 'POST', target: '/', headers: Object.entries(signed), body: Buffer.from(body) },
      };
    }
  }
}

/** Serialises a request with a Content-Length that matches its body (unless a header already says one). */
export function serialize(parts: RawRequestParts): Buffer {
  const hasLength = parts.headers.some(([name]) => /^(content-length|transfer-encoding)$/i.test(name));
  const headers = hasLength
    ? parts.headers
    : [...parts.headers, ['content-length', String(parts.body.length)]];
  const head = `${parts.method} ${parts.target} HTTP/1.1\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), parts.body]);
}

/** Inserts `insert` at a random position of the query (after `?`), or appends a query. */
function intoQuery(rng: Prng, target: string, insert: string): string {
  const q = target.indexOf('?');
  if (q < 0) return `${target}?${insert}`;
  const at = q + 1 + rng.int(target.length - q);
  return `${target.slice(0, at)}${insert}${target.slice(at)}`;
}

const BAD_PERCENT = ['%', '%G1', '%E9%80', '%C0%AF', '%00', '%FF%FE', '%%', '%2', '%ED%A0%80', '+%2B+'];
const INVALID_UTF8 = [
  Buffer.from([0xc3, 0x28]),
  Buffer.from([0xff]),
  Buffer.from([0xed, 0xa0, 0x80]),
  Buffer.from([0xe2, 0x82]),
];
const BAD_AUTHORIZATION = [
  '',
  'ACS3-HMAC-SHA256',
  'ACS3-HMAC-SHA256 Credential=',
  'ACS3-HMAC-SHA256 Credential=LTAIxxx,SignedHeaders=,Signature=',
  'ACS3-HMAC-SHA256 Credential=LTAIxxx,SignedHeaders=host;host;x-acs-date,Signature=zz',
  'ACS3-HMAC-SHA1 Credential=a,SignedHeaders=host,Signature=b',
  'AWS4-HMAC-SHA256',
  'AWS4-HMAC-SHA256 Credential=AKIA/20240101/us-east-1/iam/aws4_request',
  'AWS4-HMAC-SHA256 Credential=AKIA/2024/us-east-1/iam, SignedHeaders=host, Signature=00',
  'AWS4-HMAC-SHA256 Credential=/////, SignedHeaders=;;;, Signature=',
  'AWS4-HMAC-SHA256 Credential=AKIA/20240101/us-east-1/iam/aws4_request, SignedHeaders=host;x-amz-date, Signature=nothex',
  'Basic YWxhZGRpbjpvcGVuc2VzYW1l',
  'Bearer abc',
  `ACS3-HMAC-SHA256 Credential=${'L'.repeat(2000)},SignedHeaders=host,Signature=00`,
];
const BAD_METHODS = ['PUT', 'DELETE', 'PATCH', 'OPTIONS', 'TRACE', 'FOO', 'get', 'CONNECT', 'PROPFIND'];
const BAD_PATHS = [
  '/x',
  '//',
  '/%2e%2e/',
  '/a/../',
  `/${'a'.repeat(3000)}`,
  '*',
  'http://example.invalid/',
  '/?',
  '/%ZZ',
  '/\u00e9',
];

/** The mutations, each a named change to a signed request. */
const MUTATIONS: ReadonlyArray<{
  readonly name: string;
  readonly weight: number;
  apply(rng: Prng, parts: RawRequestParts, target: FuzzTarget): Omit<FuzzCase, 'name'>;
}> = [
  { name: 'none', weight: 3, apply: (_, p) => ({ bytes: serialize(p), halfClose: false }) },
  {
    name: 'bad-percent-encoding',
    weight: 3,
    apply: (rng, p) => ({
      bytes: serialize({ ...p, target: intoQuery(rng, p.target, rng.pick(BAD_PERCENT)) }),
      halfClose: false,
    }),
  },
  {
    name: 'invalid-utf8',
    weight: 3,
    apply: (rng, p) => {
      const bad = rng.pick(INVALID_UTF8);
      const where = rng.int(3);
      if (where === 0) {
        const head = serialize({ ...p, target: intoQuery(rng, p.target, 'X') });
        const at = head.indexOf('X');
        return { bytes: Buffer.concat([head.subarray(0, at), bad, head.subarray(at + 1)]), halfClose: true };
      }
      if (where === 1)
        return {
          bytes: serialize({ ...p, body: Buffer.concat([p.body, Buffer.from('&UserName='), bad]) }),
          halfClose: false,
        };
      const head = serialize({ ...p, headers: [...p.headers, ['x-acs-fuzz', 'X']] });
      const at = head.indexOf('x-acs-fuzz: X') + 'x-acs-fuzz: '.length;
      return { bytes: Buffer.concat([head.subarray(0, at), bad, head.subarray(at + 1)]), halfClose: true };
    },
  },
  {
    name: 'duplicate-parameter',
    weight: 3,
    apply: (rng, p) => {
      const name = rng.pick([
        ...RAM_PARAMS,
        'Action',
        'Version',
        'AccessKeyId',
        'Signature',
        'SignatureNonce',
        'Timestamp',
      ]);
      const pair = `${name}=${encodeURIComponent(randomValue(rng))}`;
      return rng.chance(0.5) || p.body.length === 0
        ? { bytes: serialize({ ...p, target: intoQuery(rng, p.target, `${pair}&`) }), halfClose: false }
        : {
            bytes: serialize({ ...p, body: Buffer.concat([p.body, Buffer.from(`&${pair}`)]) }),
            halfClose: false,
          };
    },
  },
  {
    name: 'drop-header',
    weight: 2,
    apply: (rng, p) => {
      const drop = rng.int(p.headers.length);
      return { bytes: serialize({ ...p, headers: p.headers.filter((_, i) => i !== drop) }), halfClose: true };
    },
  },
  {
    name: 'flip-byte',
    weight: 3,
    apply: (rng, p) => {
      const bytes = serialize(p);
      const at = rng.int(bytes.length);
      bytes[at] = (bytes[at] ?? 0) ^ (1 << rng.int(8));
      return { bytes, halfClose: true };
    },
  },
  {
    name: 'truncated',
    weight: 2,
    apply: (rng, p) => {
      const bytes = serialize(p);
      return {
        bytes: bytes.subarray(0, 1 + rng.int(Math.max(1, bytes.indexOf('\r\n\r\n')))),
        halfClose: true,
      };
    },
  },
  {
    name: 'oversized-body',
    weight: 1,
    apply: (rng, p, t) => {
      const declared = t.maxBodyBytes + 1 + rng.int(t.maxBodyBytes * 10);
      const headers = [
        ...p.headers.filter(([n]) => n !== 'content-length'),
        ['content-length', String(declared)] as const,
      ];
      return {
        bytes: serialize({
          ...p,
          method: 'POST',
          // The query stays out: a huge one would (rightly) be refused 431 before the body is considered.
          target: '/',
          headers,
          body: Buffer.alloc(rng.int(t.maxBodyBytes), 0x61),
        }),
        halfClose: false,
        expect: { status: 413, code: 'RequestEntityTooLarge' },
      };
    },
  },
  {
    name: 'oversized-chunked-body',
    weight: 1,
    apply: (_rng, p, t) => {
      const chunk = Buffer.alloc(t.maxBodyBytes, 0x61);
      const body = Buffer.concat([
        Buffer.from(`${chunk.length.toString(16)}\r\n`),
        chunk,
        Buffer.from('\r\n'),
        Buffer.from(`${chunk.length.toString(16)}\r\n`),
        chunk,
        Buffer.from('\r\n0\r\n\r\n'),
      ]);
      const headers = [...p.headers, ['transfer-encoding', 'chunked'] as const];
      return {
        bytes: serialize({ ...p, method: 'POST', target: '/', headers, body }),
        halfClose: false,
        expect: { status: 413, code: 'RequestEntityTooLarge' },
      };
    },
  },
  {
    name: 'bad-chunked-body',
    weight: 1,
    apply: (rng, p) => {
      const body = Buffer.from(
        rng.pick(['zz\r\nabc\r\n0\r\n\r\n', '5\r\nab\r\n0\r\n\r\n', '-1\r\n\r\n', 'ffffffffffffffff\r\n']),
      );
      return {
        bytes: serialize({
          ...p,
          method: 'POST',
          headers: [...p.headers, ['transfer-encoding', 'chunked']],
          body,
        }),
        halfClose: true,
      };
    },
  },
  {
    name: 'oversized-headers',
    weight: 1,
    apply: (rng, p, t) => ({
      bytes: serialize({
        ...p,
        headers: [...p.headers, ['x-acs-padding', 'p'.repeat(t.maxHeaderBytes + rng.int(t.maxHeaderBytes))]],
      }),
      halfClose: false,
      expect: { status: 431, code: 'RequestHeaderFieldsTooLarge' },
    }),
  },
  {
    name: 'bad-method',
    weight: 2,
    apply: (rng, p) => ({ bytes: serialize({ ...p, method: rng.pick(BAD_METHODS) }), halfClose: true }),
  },
  {
    name: 'bad-path',
    weight: 2,
    apply: (rng, p) => {
      const q = p.target.indexOf('?');
      const query = q < 0 ? '' : p.target.slice(q);
      return {
        bytes: serialize({ ...p, target: `${rng.pick(BAD_PATHS)}${rng.chance(0.5) ? query : ''}` }),
        halfClose: true,
      };
    },
  },
  {
    name: 'bad-authorization',
    weight: 3,
    apply: (rng, p) => {
      const headers = p.headers.filter(([n]) => n !== 'authorization');
      const value = rng.chance(0.2)
        ? rng.text(rng.int(200), ' ,=;/ACS3AWS4-HMACabc')
        : rng.pick(BAD_AUTHORIZATION);
      const repeated: Array<[string, string]> = rng.chance(0.3)
        ? [
            ['authorization', value],
            ['authorization', value],
          ]
        : [['authorization', value]];
      return { bytes: serialize({ ...p, headers: [...headers, ...repeated] }), halfClose: false };
    },
  },
  {
    name: 'bad-content-type',
    weight: 1,
    apply: (rng, p) => {
      const headers = p.headers.filter(([n]) => n !== 'content-type');
      const type = rng.pick([
        'application/json',
        'text/plain',
        'application/x-www-form-urlencoded; charset=latin1',
        'multipart/form-data; boundary=x',
        '',
        ';;;',
      ]);
      return { bytes: serialize({ ...p, headers: [...headers, ['content-type', type]] }), halfClose: false };
    },
  },
  {
    name: 'lying-content-length',
    weight: 1,
    apply: (rng, p) => {
      const headers = [
        ...p.headers.filter(([n]) => n !== 'content-length'),
        ['content-length', String(p.body.length + 1 + rng.int(100))] as const,
      ];
      return { bytes: serialize({ ...p, headers }), halfClose: true };
    },
  },
  {
    name: 'garbage',
    weight: 2,
    apply: (rng) => ({ bytes: rng.bytes(1 + rng.int(2000)), halfClose: true }),
  },
];

const TOTAL_WEIGHT = MUTATIONS.reduce((sum, m) => sum + m.weight, 0);

/** Case `index` of the run seeded with `rng`'s seed. */
export function generateCase(rng: Prng, target: FuzzTarget, index: number): FuzzCase {
  const { scheme, parts } = signedRequest(rng, target);
  const roll = rng.int(TOTAL_WEIGHT);
  let cumulative = 0;
  const mutation = MUTATIONS.find((m) => {
    cumulative += m.weight;
    return roll < cumulative;
  });
  if (!mutation) throw new Error('no mutations');
  return { name: `#${index} ${scheme} ${mutation.name}`, ...mutation.apply(rng, parts, target) };
}
