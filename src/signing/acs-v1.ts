// Alibaba Cloud RPC signature V1 (HMAC-SHA1): string to sign and signature.
// Spec: /work/shared/protocol/ram-rpc.md §2.2; openapi-core `getRPCSignature`; pop-core `lib/rpc.js`.

import { createHmac } from 'node:crypto';
import { percentEncode } from './percent-encode.js';

/** The parameter that carries the signature; it is never part of what is signed. */
const SIGNATURE_PARAM = 'Signature';

/**
 * Builds the V1 StringToSign: `METHOD&%2F&percentEncode(CanonicalizedQueryString)`.
 *
 * CanonicalizedQueryString is every parameter except `Signature`, sorted by name in plain UTF-16
 * code-unit order (as the SDKs' `Object.keys(...).sort()` does), each pair as
 * `percentEncode(name)=percentEncode(value)`, joined with `&`.
 *
 * @param method - the HTTP method actually used (`GET` or `POST`), as received
 * @param params - decoded parameters from the query string and form body, merged
 * @returns the string to sign
 */
export function buildAcsV1StringToSign(method: string, params: Iterable<readonly [string, string]>): string {
  const signed = [...params].filter(([name]) => name !== SIGNATURE_PARAM);
  // Array#sort is stable, so repeated names keep their arrival order.
  signed.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const canonical = signed.map(([name, value]) => `${percentEncode(name)}=${percentEncode(value)}`).join('&');
  return `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
}

/**
 * Computes the V1 signature: Base64(HMAC-SHA1(key = secret + "&", stringToSign)).
 *
 * @param stringToSign - from {@link buildAcsV1StringToSign}
 * @param secret - the AccessKey secret
 * @returns the base64 signature, as sent in the `Signature` parameter
 */
export function computeAcsV1Signature(stringToSign: string, secret: string): string {
  // The trailing '&' is where a token secret would go in the OAuth-1-style key; RAM never has one.
  return createHmac('sha1', `${secret}&`).update(stringToSign, 'utf8').digest('base64');
}
