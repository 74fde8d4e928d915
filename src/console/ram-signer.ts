// ACS3-HMAC-SHA256 signing of RAM RPC requests with WebCrypto, for the browser console (and Node's
// `globalThis.crypto` in tests). Spec: https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature
// and /work/shared/protocol/ram-rpc.md §2.3; mirrors openapi-core `getAuthorization` and
// src/signing/client-sign.ts `signAcsV3Request` for a POST with every parameter in the query.

import { percentEncode } from '../signing/percent-encode.js';

/** The algorithm the official clients use by default. */
const ALGORITHM = 'ACS3-HMAC-SHA256';

/** RPC requests always go to `/`. */
const CANONICAL_URI = '/';

/** What one signed RAM call needs. Every non-deterministic input (date, nonce) is given explicitly. */
export interface RamSigningInput {
  /** The Host header the browser will send (`location.host`), including any `:port`. */
  readonly host: string;
  readonly action: string;
  readonly version: string;
  /** The business parameters, sent in the query string of a POST with an empty body. */
  readonly query: Readonly<Record<string, string>>;
  readonly accessKeyId: string;
  readonly secret: string;
  readonly date: Date;
  readonly nonce: string;
  /** More `x-acs-*` headers to send and sign (e.g. `x-acs-credentials-provider`). */
  readonly extraHeaders?: Readonly<Record<string, string>>;
}

/**
 * Signs a RAM RPC call the way `@alicloud/openapi-core` does: `host` and every `x-acs-*` header are
 * signed, the body is empty, and the business parameters sit in the query.
 *
 * @param input - see {@link RamSigningInput}
 * @returns the headers to send, names lower-case, `authorization` included and `host` left out (the
 *   browser sets Host itself, to the value signed here)
 */
export async function signRamRequest(input: RamSigningInput): Promise<Record<string, string>> {
  const hashedPayload = await sha256Hex('');
  const headers: Record<string, string> = {};
  // Extras first, so they can never replace the headers this function is responsible for.
  for (const [name, value] of Object.entries(input.extraHeaders ?? {})) headers[name.toLowerCase()] = value;
  Object.assign(headers, {
    'x-acs-action': input.action,
    'x-acs-version': input.version,
    'x-acs-date': formatAcsDate(input.date),
    'x-acs-signature-nonce': input.nonce,
    'x-acs-content-sha256': hashedPayload,
  });
  const signed: Record<string, string> = { ...headers, host: input.host };
  const signedNames = Object.keys(signed)
    .filter((name) => name === 'host' || name.startsWith('x-acs-'))
    .sort();
  const canonicalRequest = [
    'POST',
    CANONICAL_URI,
    canonicalQuery(input.query),
    // Each header line ends in '\n', so a blank line separates the headers from SignedHeaders.
    signedNames.map((name) => `${name}:${(signed[name] ?? '').trim()}\n`).join(''),
    signedNames.join(';'),
    hashedPayload,
  ].join('\n');
  const stringToSign = `${ALGORITHM}\n${await sha256Hex(canonicalRequest)}`;
  const signature = await hmacSha256Hex(input.secret, stringToSign);
  headers.authorization = `${ALGORITHM} Credential=${input.accessKeyId},SignedHeaders=${signedNames.join(';')},Signature=${signature}`;
  return headers;
}

/**
 * The query string to send: RFC 3986-encoded, in the canonical (sorted) order, so what is sent is
 * byte for byte what is signed.
 *
 * @param query - decoded names and values
 * @returns `k=v&k=v`, or `''` when there are no parameters
 */
export function canonicalQuery(query: Readonly<Record<string, string>>): string {
  return Object.entries(query)
    .map(([key, value]) => [percentEncode(key), percentEncode(value)] as const)
    .sort(([ka, va], [kb, vb]) => compareCodeUnits(ka, kb) || compareCodeUnits(va, vb))
    .map(([key, value]) => `${key}=${value}`)
    .join('&');
}

/**
 * Formats `x-acs-date`: `YYYY-MM-DDTHH:mm:ssZ` in UTC, no milliseconds.
 *
 * @param date - the instant
 * @returns e.g. `2026-11-29T19:42:46Z`
 */
export function formatAcsDate(date: Date): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/**
 * A fresh `x-acs-signature-nonce`: 64 random hex digits, like openapi-core.
 *
 * @returns the nonce
 */
export function randomNonce(): string {
  return toHex(crypto.getRandomValues(new Uint8Array(32)));
}

function compareCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function sha256Hex(text: string): Promise<string> {
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))));
}

async function hmacSha256Hex(secret: string, text: string): Promise<string> {
  const encoder = new TextEncoder();
  const key = await crypto.subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  return toHex(new Uint8Array(await crypto.subtle.sign('HMAC', key, encoder.encode(text))));
}

function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
