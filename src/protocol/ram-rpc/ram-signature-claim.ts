/**
 * Builds the signature claim of a RAM-signed request for the authentication service, from the neutral
 * description of what the signature covers (akm's own requests and forwarded ones alike).
 * V1: https://www.alibabacloud.com/help/doc-detail/28761.htm (HMAC-SHA1 over the sorted parameters).
 * V3: https://www.alibabacloud.com/help/en/sdk/product-overview/v3-request-structure-and-signature
 */
import { constantTimeEqual } from '../../crypto/constant-time.js';
import { AkmError } from '../../domain/errors.js';
import type { SignatureClaim } from '../../service/authenticate-request.js';
import { buildAcsV1StringToSign, computeAcsV1Signature } from '../../signing/acs-v1.js';
import {
  buildAcsV3CanonicalRequest,
  buildAcsV3StringToSign,
  computeAcsV3Signature,
  parseAcsV3Authorization,
} from '../../signing/acs-v3.js';
import { EMPTY_BODY_SHA256 } from '../signed-request.js';
import { headerValue } from '../wire.js';
import type { RamRequest } from './ram-request.js';

const V3_ALGORITHM = 'ACS3-HMAC-SHA256';
/** Headers a V3 request must sign: without them a signature could be replayed with other values. */
const V3_REQUIRED_SIGNED = [
  'host',
  'x-acs-action',
  'x-acs-version',
  'x-acs-date',
  'x-acs-signature-nonce',
  'x-acs-content-sha256',
];
/** RAM requests carry no region: their uses are recorded as service `ram` alone. */
const RAM_SCOPE = { serviceName: 'ram', region: null } as const;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

/** Parses RAM's `yyyy-MM-ddTHH:mm:ssZ` (milliseconds tolerated) or fails with TIMESTAMP_FORMAT. */
export function parseRamTimestamp(value: string): Date {
  const ms = TIMESTAMP.test(value) ? Date.parse(value) : Number.NaN;
  // Date.parse rolls impossible dates over (Feb 30 → Mar 1); a real date round-trips to the same text.
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 19) !== value.slice(0, 19)) {
    throw new AkmError('TIMESTAMP_FORMAT');
  }
  return new Date(ms);
}

function required(ram: RamRequest, name: string): string {
  const value = ram.params.get(name);
  if (value === undefined || value === '') throw new AkmError('MISSING_PARAMETER', { field: name });
  return value;
}

function v1Claim(ram: RamRequest): SignatureClaim {
  const accessKeyId = required(ram, 'AccessKeyId');
  const signature = required(ram, 'Signature');
  const method = required(ram, 'SignatureMethod');
  if (method !== 'HMAC-SHA1') throw new AkmError('UNSUPPORTED_SIGNATURE_METHOD');
  const version = ram.params.get('SignatureVersion');
  if (version !== undefined && version !== '1.0') throw new AkmError('UNSUPPORTED_SIGNATURE_METHOD');
  const timestamp = parseRamTimestamp(required(ram, 'Timestamp'));
  const nonce = required(ram, 'SignatureNonce');
  const { signed } = ram;
  const stringToSign = () =>
    buildAcsV1StringToSign(signed.method, [...signed.queryPairs, ...signed.formPairs]);
  return {
    accessKeyId,
    timestamp,
    nonce,
    scope: RAM_SCOPE,
    stringToSign,
    verify: (secret) => constantTimeEqual(computeAcsV1Signature(stringToSign(), secret), signature),
  };
}

function v3Claim(ram: RamRequest): SignatureClaim {
  const { signed } = ram;
  const auth = parseAcsV3Authorization(headerValue(signed.headers, 'authorization') ?? '');
  if (!auth) throw new AkmError('INCOMPLETE_SIGNATURE');
  if (auth.algorithm !== V3_ALGORITHM) throw new AkmError('UNSUPPORTED_SIGNATURE_METHOD');
  // With a body, content-type decides whether the body holds parameters, so it must be signed too.
  const hasBody = signed.bodySha256 !== EMPTY_BODY_SHA256;
  const required = hasBody ? [...V3_REQUIRED_SIGNED, 'content-type'] : V3_REQUIRED_SIGNED;
  const missing = required.filter((h) => !auth.signedHeaders.includes(h) || !headerValue(signed.headers, h));
  if (missing.length > 0) {
    throw new AkmError('INCOMPLETE_SIGNATURE', { detail: `missing signed headers: ${missing.join(', ')}` });
  }
  const timestamp = parseRamTimestamp(headerValue(signed.headers, 'x-acs-date') ?? '');
  const nonce = headerValue(signed.headers, 'x-acs-signature-nonce') ?? '';
  const stringToSign = () =>
    buildAcsV3StringToSign(
      buildAcsV3CanonicalRequest({
        method: signed.method,
        pathname: signed.path,
        query: signed.queryPairs,
        headers: signed.headers,
        signedHeaders: auth.signedHeaders,
        hashedPayload: signed.bodySha256,
      }),
    );
  return {
    accessKeyId: auth.accessKeyId,
    timestamp,
    nonce,
    scope: RAM_SCOPE,
    stringToSign,
    verify: (secret) =>
      // The declared body hash must be the body's, or the body could be swapped under a valid signature.
      headerValue(signed.headers, 'x-acs-content-sha256') === signed.bodySha256 &&
      constantTimeEqual(computeAcsV3Signature(stringToSign(), secret), auth.signature),
  };
}

/** The claim of a signed request, or the RAM error for a missing or malformed signature. */
export function extractRamClaim(ram: RamRequest): SignatureClaim {
  if (ram.scheme === 'v3') return v3Claim(ram);
  if (ram.scheme === 'v1') return v1Claim(ram);
  // Unsigned: name the first missing piece, as the gateway does.
  required(ram, 'AccessKeyId');
  throw new AkmError('MISSING_PARAMETER', { field: 'Signature' });
}
