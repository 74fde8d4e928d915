/**
 * Builds the SigV4 claim of a request for the authentication service, from the neutral description of
 * what the signature covers (akm's own awsQuery requests and forwarded ones alike).
 * Spec: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_sigv-create-signed-request.html and
 * /work/shared/protocol/aws-query.md §2.2: verify from the request's own SignedHeaders, any region, the
 * API's signing name, `host` and `x-amz-date` signed, the credential day equal to `x-amz-date`'s, the
 * body hashed by the server (and compared with `x-amz-content-sha256` when sent). SigV4 has no nonce.
 */
import { constantTimeEqual } from '../../crypto/constant-time.js';
import { AkmError } from '../../domain/errors.js';
import type { SignatureClaim } from '../../service/authenticate-request.js';
import {
  buildSigV4CanonicalRequest,
  buildSigV4StringToSign,
  computeSigV4Signature,
  parseAmzDate,
  parseSigV4Authorization,
  SIGV4_ALGORITHM,
} from '../../signing/aws-sigv4.js';
import type { SignedRequest } from '../signed-request.js';
import { headerValue } from '../wire.js';

/** Headers every signature must cover: without them it could be replayed to another host or time. */
const REQUIRED_SIGNED = ['host', 'x-amz-date'];

/** The claim of a SigV4-signed request for an API signed as `signingName`, or the error for a bad one. */
export function extractSigV4Claim(request: SignedRequest, signingName: string): SignatureClaim {
  const header = headerValue(request.headers, 'authorization');
  if (header === undefined || header === '') throw new AkmError('MISSING_AUTHENTICATION');
  if (!header.startsWith(`${SIGV4_ALGORITHM} `)) {
    throw new AkmError('UNSUPPORTED_SIGNATURE_METHOD', { detail: header.split(' ', 1)[0] ?? '' });
  }
  const auth = parseSigV4Authorization(header);
  if (!auth) throw new AkmError('INCOMPLETE_SIGNATURE');
  const missing = REQUIRED_SIGNED.filter((h) => !auth.signedHeaders.includes(h));
  if (missing.length > 0) {
    throw new AkmError('INCOMPLETE_SIGNATURE', { detail: `missing signed headers: ${missing.join(', ')}` });
  }
  const amzDate = headerValue(request.headers, 'x-amz-date') ?? '';
  const timestamp = parseAmzDate(amzDate);
  if (!timestamp) throw new AkmError('TIMESTAMP_FORMAT', { value: amzDate });

  const payloadHash = request.bodySha256;
  const declaredHash = headerValue(request.headers, 'x-amz-content-sha256');
  // The scope must be this API's and this day's; the body must be the one its declared hash names.
  const scopeMatches = auth.scope.service === signingName && auth.scope.date === amzDate.slice(0, 8);
  const bodyMatches = declaredHash === undefined || declaredHash === payloadHash;
  const stringToSign = () =>
    buildSigV4StringToSign(
      amzDate,
      auth.scope,
      buildSigV4CanonicalRequest({
        method: request.method,
        path: request.path,
        query: request.queryPairs,
        headers: request.headers,
        signedHeaders: auth.signedHeaders,
        payloadHash,
      }),
    );
  return {
    accessKeyId: auth.accessKeyId,
    timestamp,
    scope: { serviceName: auth.scope.service, region: auth.scope.region },
    verify: (secret) =>
      scopeMatches &&
      bodyMatches &&
      constantTimeEqual(computeSigV4Signature(stringToSign(), secret, auth.scope), auth.signature),
  };
}
