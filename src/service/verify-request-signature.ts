/**
 * VerifyRequestSignature: authenticates a request that a service received, exactly as akm authenticates
 * its own (key status, time window, signature, nonce, and the failed-authentication throttle per
 * AccessKeyId and per source address, which answers further failures THROTTLED while valid signatures
 * still pass), for a verifying caller. On top, each verifying caller has a budget of failed verifications:
 * once it is spent, its verify calls are refused until it refills, which bounds the work anyone can make
 * akm do through the endpoint, so that it is no oracle.
 */
import type { UseOrigin } from '../domain/entities.js';
import { AkmError, isAkmError } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';
import { authenticateRequest, type SignatureClaim } from './authenticate-request.js';
import { FailureBuckets } from './failure-buckets.js';
import type { ServiceDeps } from './service-deps.js';

/** The failed-verification budget of each verifying caller. */
export interface VerificationBudget {
  /** Failed verifications one caller may submit per window. */
  readonly failuresPerCaller: number;
  readonly windowMs: number;
  /** Most callers tracked at once. */
  readonly maxTracked: number;
}

/** The failed verifications of each verifying caller, in memory (per node) and bounded. */
export class VerificationThrottle {
  readonly byCaller: FailureBuckets;

  constructor(budget: VerificationBudget) {
    this.byCaller = new FailureBuckets({
      budget: budget.failuresPerCaller,
      windowMs: budget.windowMs,
      maxTracked: budget.maxTracked,
    });
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
  const { byCaller } = deps.verification;
  const now = deps.clock.now().getTime();
  const retryAfterMs = byCaller.overBudgetFor(verifier.accessKeyId, now);
  if (retryAfterMs > 0) throw new AkmError('THROTTLED', { retryAfterMs });
  try {
    return { verified: true, principal: await authenticateRequest(deps, buildClaim(), origin) };
  } catch (error) {
    if (!isRequestFailure(error)) throw error;
    byCaller.charge(verifier.accessKeyId, now);
    return { verified: false, error };
  }
}
