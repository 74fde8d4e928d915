// The worked examples published in the Alibaba Cloud docs, looped over as data.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildAcsV1StringToSign, computeAcsV1Signature } from './acs-v1.js';
import {
  buildAcsV3CanonicalRequest,
  buildAcsV3StringToSign,
  computeAcsV3Signature,
  parseAcsV3Authorization,
  sha256Hex,
} from './acs-v3.js';
import { signAcsV1Params, signAcsV3Request } from './client-sign.js';
import { parseFormEncoded } from './parse-form.js';

interface V1Answer {
  id: string;
  method: string;
  url: string;
  accessKeyId: string;
  accessKeySecret: string;
  stringToSign: string;
  signature: string;
}

interface V3Answer {
  id: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  accessKeyId: string;
  accessKeySecret: string;
  authorization: string;
  stringToSign?: string;
  signature: string;
}

interface KnownAnswers {
  v1: V1Answer[];
  v3: V3Answer[];
}

function readFixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`../../test/fixtures/${name}`, import.meta.url), 'utf8'));
}

const answers = readFixture('signature-known-answers.json') as KnownAnswers;
const capturedAnswers = (
  readFixture('ram-wire-captures.json') as { knownAnswers: Record<string, { signature: string }> }
).knownAnswers;

/** Added by signAcsV1Params itself (Format defaults to JSON, as in both docs). */
const V1_COMMON = [
  'Format',
  'AccessKeyId',
  'SignatureMethod',
  'SignatureVersion',
  'SignatureNonce',
  'Timestamp',
];

/** The decoded query of a documented URL, as a server would read it. */
function queryOf(url: string): Array<[string, string]> {
  return parseFormEncoded(new URL(url).search.slice(1));
}

describe('signature-known-answers.json', () => {
  it('covers every known answer of ram-wire-captures.json with the same expected signature', () => {
    const ours = new Map([...answers.v1, ...answers.v3].map((a) => [a.id, a.signature]));
    for (const [id, { signature }] of Object.entries(capturedAnswers))
      expect(ours.get(id), id).toBe(signature);
  });
});

describe.each(answers.v1.map((a) => [a.id, a] as const))('V1 known answer %s', (_, answer) => {
  const params = queryOf(answer.url);

  it('gives the published string to sign and signature', () => {
    const stringToSign = buildAcsV1StringToSign(answer.method, params);
    expect(stringToSign).toBe(answer.stringToSign);
    expect(computeAcsV1Signature(stringToSign, answer.accessKeySecret)).toBe(answer.signature);
  });

  it('is reproduced by signAcsV1Params', () => {
    const all = Object.fromEntries(params);
    const business = params.filter(([name]) => !V1_COMMON.includes(name));
    const signed = signAcsV1Params({
      method: answer.method,
      params: Object.fromEntries(business),
      accessKeyId: answer.accessKeyId,
      secret: answer.accessKeySecret,
      nonce: all.SignatureNonce ?? '',
      timestamp: new Date(all.Timestamp ?? ''),
    });
    expect(signed).toEqual({ ...all, Signature: answer.signature });
  });
});

describe.each(answers.v3.map((a) => [a.id, a] as const))('V3 known answer %s', (_, answer) => {
  const url = new URL(answer.url);
  const query = queryOf(answer.url);

  it('gives the published signature', () => {
    const auth = parseAcsV3Authorization(answer.authorization);
    expect(auth).toBeDefined();
    if (auth === undefined) return;
    expect(auth.signature).toBe(answer.signature);
    expect(sha256Hex(answer.body)).toBe(answer.headers['x-acs-content-sha256']);
    const canonicalRequest = buildAcsV3CanonicalRequest({
      method: answer.method,
      pathname: url.pathname,
      query,
      headers: answer.headers,
      signedHeaders: auth.signedHeaders,
      hashedPayload: sha256Hex(answer.body),
    });
    const stringToSign = buildAcsV3StringToSign(canonicalRequest, auth.algorithm);
    if (answer.stringToSign !== undefined) expect(stringToSign).toBe(answer.stringToSign);
    expect(computeAcsV3Signature(stringToSign, answer.accessKeySecret)).toBe(answer.signature);
  });

  it('is reproduced by signAcsV3Request', () => {
    const h = answer.headers;
    const headers = signAcsV3Request({
      method: answer.method,
      host: url.host,
      query: Object.fromEntries(query),
      action: h['x-acs-action'] ?? '',
      version: h['x-acs-version'] ?? '',
      accessKeyId: answer.accessKeyId,
      secret: answer.accessKeySecret,
      nonce: h['x-acs-signature-nonce'] ?? '',
      date: new Date(h['x-acs-date'] ?? ''),
    });
    expect(headers).toEqual({ ...h, authorization: answer.authorization });
  });
});
