// Verification's own rules: a malformed or refused request is an answer, not an error; a caller past its
// failure budget is refused up front; server faults are not the request's failure.
import { describe, expect, it } from 'vitest';
import { AkmError } from '../domain/errors.js';
import type { Principal } from '../domain/principal.js';
import { catchAkmErrorAsync } from '../testing/catch-akm-error.js';
import type { ServiceDeps } from './service-deps.js';
import { VerificationThrottle, verifyRequestSignature } from './verify-request-signature.js';

const VERIFIER: Principal = {
  accountId: '1000000000000001',
  kind: 'user',
  userId: '2000000000000001',
  userName: 'greeter-svc',
  path: '/',
  accessKeyId: 'LTAIverifier000000000001',
  policies: ['AkmVerifyAccess'],
};
const ORIGIN = { sourceIp: '203.0.113.9', userAgent: 'sdk', action: 'Greet' } as const;

/** Only the clock and the throttle are reached when the claim cannot be built. */
function depsWithBudget(failuresPerCaller: number): ServiceDeps {
  const partial = {
    clock: { now: () => new Date(Date.UTC(2026, 0, 1)) },
    verification: new VerificationThrottle({ failuresPerCaller, windowMs: 60_000, maxTracked: 10 }),
  };
  return partial as unknown as ServiceDeps;
}

const malformed = () => {
  throw new AkmError('INCOMPLETE_SIGNATURE');
};

describe('verifyRequestSignature', () => {
  it('answers a malformed signature as a refusal, then refuses the caller once its budget is spent', async () => {
    const deps = depsWithBudget(2);
    for (let i = 0; i < 2; i++) {
      const answer = await verifyRequestSignature(deps, VERIFIER, malformed, ORIGIN);
      expect(answer.verified ? 'verified' : answer.error.code).toBe('INCOMPLETE_SIGNATURE');
    }
    const refused = await catchAkmErrorAsync(verifyRequestSignature(deps, VERIFIER, malformed, ORIGIN));
    expect(refused.code).toBe('THROTTLED');
    expect(refused.details.retryAfterMs).toBeGreaterThan(0);
    // Another caller has its own budget.
    const other = { ...VERIFIER, accessKeyId: 'LTAIother000000000000001' };
    expect((await verifyRequestSignature(deps, other, malformed, ORIGIN)).verified).toBe(false);
  });

  it('lets a server fault propagate without charging the caller', async () => {
    const deps = depsWithBudget(1);
    const unavailable = () => {
      throw new AkmError('SERVICE_UNAVAILABLE');
    };
    for (let i = 0; i < 3; i++) {
      const error = await catchAkmErrorAsync(verifyRequestSignature(deps, VERIFIER, unavailable, ORIGIN));
      expect(error.code).toBe('SERVICE_UNAVAILABLE');
    }
  });
});
