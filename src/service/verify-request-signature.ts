/**
 * VerifyRequestSignature: authenticates a request that a service received, exactly as akm authenticates
 * its own (key status, time window, signature, nonce), for a verifying caller. Failed verifications are
 * throttled so that the endpoint is no oracle: per verifying caller (its further verify calls are refused
 * while it is over its limit, which bounds the work anyone can make akm do) and per verified AccessKeyId
 * (its further failures answer THROTTLED instead of their cause, while valid signatures still pass, so
 * knowing a key id is not enough to lock its owner out).
 */
import type { UseOrigin } from '../domain/entities.js';
import { AkmError, isAkmError } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';
import { authenticateRequest, type SignatureClaim } from './authenticate-request.js';
import { FailureCounter } from './failure-counter.js';
import type { ServiceDeps } from './service-deps.js';

/** The failure limits of verification, per window. */
export interface VerificationLimits {
  readonly failuresPerKey: number;
  readonly failuresPerCaller: number;
  readonly windowMs: number;
}

/** The failure counts verification keeps in memory (per node). */
export class VerificationThrottle {
  readonly byKey: FailureCounter;
  readonly byCaller: FailureCounter;

  constructor(readonly limits: VerificationLimits) {
    this.byKey = new FailureCounter(limits.windowMs);
    this.byCaller = new FailureCounter(limits.windowMs);
  }
}

/** The answer about a verified request: its principal, or why it is refused. */
export type Verification =
  | { readonly verified: true; readonly principal: Principal }
  | { readonly verified: false; readonly error: AkmError };

/** Failures of the request itself, as opposed to akm being unable to answer. */
function isRequestFailure(error: unknown): error is AkmError {
  return isAkmError(error) && error.code !== 'SERVICE_UNAVAILABLE' && error.code !== 'INTERNAL';
}

/**
 * Verifies the request whose claim `buildClaim` extracts (it throws for a malformed signature), for
 * `verifier`; the use is recorded with `origin` and the claim's scope. Fails with THROTTLED, as the
 * verify call's own error, while the verifier is over its failure limit; server faults propagate.
 */
export async function verifyRequestSignature(
  deps: ServiceDeps,
  verifier: Principal,
  buildClaim: () => SignatureClaim,
  origin: UseOrigin,
): Promise<Verification> {
  const { byCaller, byKey, limits } = deps.verification;
  const now = deps.clock.now().getTime();
  if (byCaller.failures(verifier.accessKeyId, now) >= limits.failuresPerCaller) {
    throw new AkmError('THROTTLED');
  }
  let accessKeyId: string | undefined;
  try {
    const claim = buildClaim();
    accessKeyId = claim.accessKeyId;
    return { verified: true, principal: await authenticateRequest(deps, claim, origin) };
  } catch (error) {
    if (!isRequestFailure(error)) throw error;
    byCaller.fail(verifier.accessKeyId, now);
    const overKeyLimit = accessKeyId !== undefined && byKey.fail(accessKeyId, now) > limits.failuresPerKey;
    return { verified: false, error: overKeyLimit ? new AkmError('THROTTLED') : error };
  }
}
