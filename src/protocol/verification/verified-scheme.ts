/**
 * Which wire a forwarded request speaks, judged by its signature as akm's router judges its own: SigV4
 * is AWS's, everything else RAM's (ACS3-HMAC-SHA256 or V1). Builds its claim with the same claim
 * builders akm's own wires use, and renders a refusal in that wire's words.
 */
import type { AkmError } from '../../domain/errors.js';
import type { SignatureClaim } from '../../service/authenticate-request.js';
import { SIGV4_ALGORITHM } from '../../signing/aws-sigv4.js';
import { extractSigV4Claim } from '../aws-query/aws-signature-claim.js';
import { IAM_ERROR_TABLE } from '../aws-query/iam-error-table.js';
import { RAM_ERROR_TABLE } from '../ram-rpc/ram-error-table.js';
import { readRamRequest } from '../ram-rpc/ram-request.js';
import { extractRamClaim } from '../ram-rpc/ram-signature-claim.js';
import type { SignedRequest } from '../signed-request.js';
import { firstValues, headerValue } from '../wire.js';

/** The wire of a verified request: its error codes and the format its errors are written in. */
export type VerifiedProtocol = 'RAM' | 'AWS';

/** A refusal as the verified request's wire words it. */
export interface VerifiedError {
  readonly code: string;
  readonly message: string;
  readonly httpStatus: number;
}

/** The wire a signed request speaks. */
export function protocolOf(signed: SignedRequest): VerifiedProtocol {
  const authorization = headerValue(signed.headers, 'authorization') ?? '';
  return authorization.startsWith(`${SIGV4_ALGORITHM} `) ? 'AWS' : 'RAM';
}

/**
 * The request's claim, recorded as a use of `serviceName`; a SigV4 signature must be scoped to that
 * name, as AWS services require of theirs, so a request signed for one service cannot be replayed to
 * another. Throws the wire's authentication error for a missing or malformed signature.
 */
export function claimOf(signed: SignedRequest, serviceName: string): SignatureClaim {
  const claim =
    protocolOf(signed) === 'AWS'
      ? extractSigV4Claim(signed, serviceName)
      : extractRamClaim(readRamRequest(signed));
  return { ...claim, scope: { serviceName, region: claim.scope.region } };
}

/** The action a signed request performs: the one its signature names, else `METHOD path`. */
export function actionOf(signed: SignedRequest): string {
  const named =
    protocolOf(signed) === 'AWS'
      ? firstValues(signed.queryPairs, signed.formPairs).get('Action')
      : readRamRequest(signed).action;
  return named ?? `${signed.method} ${signed.path}`;
}

/** A refusal of the verified request in its own wire's code, message and HTTP status. */
export function verifiedErrorOf(protocol: VerifiedProtocol, error: AkmError): VerifiedError {
  if (protocol === 'AWS') {
    const wire = IAM_ERROR_TABLE[error.code](error.details, { action: '', version: '' });
    return { code: wire.code, message: wire.message, httpStatus: wire.status };
  }
  const wire = RAM_ERROR_TABLE[error.code](error.details);
  return { code: wire.code, message: wire.message, httpStatus: wire.status };
}
