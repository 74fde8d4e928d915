/**
 * Authenticates a signed request, whatever the signature scheme, in RAM's order:
 * key lookup → key status → time window → signature → nonce. The nonce is checked after the signature
 * so that unsigned requests cannot burn a legitimate client's nonces. Failures are charged to the
 * failed-authentication throttle, which answers THROTTLED once a key's or a source's budget is spent.
 */
import type { UseOrigin, UseScope } from '../domain/entities.js';
import { AkmError } from '../domain/errors.js';
import { SIGNATURE_TIME_WINDOW_MS } from '../domain/limits.js';
import type { Principal } from '../domain/principal.js';
import type { ServiceDeps } from './service-deps.js';

/** What a protocol extracts from a signed request; `verify` recomputes the signature for a secret. */
export interface SignatureClaim {
  readonly accessKeyId: string;
  readonly timestamp: Date;
  /**
   * The scheme's one-time value (RAM's SignatureNonce). Absent for schemes that carry none (SigV4), whose
   * only replay bound is the time window: akm does not invent a nonce for them.
   */
  readonly nonce?: string;
  /** The service and region the request was signed for, recorded as the key's last use. */
  readonly scope: UseScope;
  /** Recomputes the signature with `secret` and compares it in constant time. */
  verify(secret: string): boolean;
  /** The server's string to sign, echoed in RAM's SignatureDoesNotMatch message (it holds no secret). */
  stringToSign?(): string;
}

/** Longest source address, user agent and action recorded with a use: longer ones are cut. */
const ORIGIN_LIMITS = { sourceIp: 64, userAgent: 256, action: 128 } as const;

function clip(value: string | null, limit: number): string | null {
  return value === null ? null : value.slice(0, limit);
}

/**
 * Returns the principal behind the claim, or fails with the authentication error RAM would give (THROTTLED
 * once failures from the request's source address, or for the claimed key, are over budget). An
 * authenticated request is recorded as the key's use, with `origin` (where it came from, what it did).
 */
export async function authenticateRequest(
  deps: ServiceDeps,
  claim: SignatureClaim,
  origin: UseOrigin,
): Promise<Principal> {
  try {
    return await authenticateClaim(deps, claim, origin);
  } catch (error) {
    const attempt = { accessKeyId: claim.accessKeyId, sourceAddress: origin.sourceIp ?? '' };
    throw deps.authFailures.judge(error, attempt, deps.clock.now());
  }
}

async function authenticateClaim(
  deps: ServiceDeps,
  claim: SignatureClaim,
  origin: UseOrigin,
): Promise<Principal> {
  const key = await deps.store.getAccessKey(claim.accessKeyId);
  if (!key) throw new AkmError('ACCESS_KEY_NOT_FOUND');
  if (key.status !== 'Active') throw new AkmError('ACCESS_KEY_INACTIVE');

  const now = deps.clock.now();
  if (Math.abs(now.getTime() - claim.timestamp.getTime()) > SIGNATURE_TIME_WINDOW_MS) {
    throw new AkmError('TIMESTAMP_EXPIRED', { requestTime: claim.timestamp, serverTime: now });
  }

  if (!claim.verify(deps.secretBox.open(key.encryptedSecret, key.accessKeyId))) {
    throw new AkmError('SIGNATURE_MISMATCH', claim.stringToSign ? { detail: claim.stringToSign() } : {});
  }

  if (claim.nonce !== undefined) {
    // A nonce only needs remembering while its timestamp is still inside the window.
    const expiresAt = new Date(claim.timestamp.getTime() + SIGNATURE_TIME_WINDOW_MS);
    if (!(await deps.nonces.remember(key.accessKeyId, claim.nonce, expiresAt))) {
      throw new AkmError('NONCE_USED');
    }
  }

  deps.lastUse.record(key.accessKeyId, {
    date: now,
    ...claim.scope,
    sourceIp: clip(origin.sourceIp, ORIGIN_LIMITS.sourceIp),
    userAgent: clip(origin.userAgent, ORIGIN_LIMITS.userAgent),
    action: clip(origin.action, ORIGIN_LIMITS.action),
  });
  if (key.userId === null) {
    return {
      accountId: key.accountId,
      kind: 'root',
      userId: null,
      userName: null,
      path: '/',
      accessKeyId: key.accessKeyId,
      policies: [],
    };
  }
  const [user, policies] = await Promise.all([
    deps.store.getUserById(key.accountId, key.userId),
    deps.store.listPolicies(key.accountId, key.userId),
  ]);
  // A user cannot be deleted while it holds keys, so a missing user means the key is orphaned: refuse it.
  if (!user) throw new AkmError('ACCESS_KEY_NOT_FOUND');
  return {
    accountId: key.accountId,
    kind: 'user',
    userId: user.userId,
    userName: user.userName,
    path: user.path,
    accessKeyId: key.accessKeyId,
    policies: policies.map((p) => p.policyName),
  };
}
