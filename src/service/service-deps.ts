/** The collaborators every use case receives, wired once by main.ts. */
import type { Clock, IdGenerator, Logger, NonceStore, SecretBox, Store } from '../domain/ports.js';
import type { AuthFailureThrottle } from './auth-failure-throttle.js';
import type { LastUseTracker } from './last-use-tracker.js';
import type { VerificationThrottle } from './verify-request-signature.js';

/** Dependencies of the services. */
export interface ServiceDeps {
  readonly store: Store;
  readonly clock: Clock;
  readonly ids: IdGenerator;
  readonly secretBox: SecretBox;
  readonly nonces: NonceStore;
  readonly lastUse: LastUseTracker;
  readonly authFailures: AuthFailureThrottle;
  /** Failed-verification counts of VerifyRequestSignature (per node, in memory). */
  readonly verification: VerificationThrottle;
  readonly logger: Logger;
}
