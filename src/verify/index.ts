/**
 * `akm/verify`: protect a Node service with akm-issued AccessKeys. See {@link AkmVerifier}.
 *
 * ```js
 * import { AkmVerifier } from 'akm/verify';
 * const verifier = new AkmVerifier({ endpoint: 'http://127.0.0.1:8080', accessKeyId, accessKeySecret, service: 'photos' });
 * http.createServer(async (req, res) => {
 *   const principal = await verifier.authenticate(req, res); // refused requests are answered already
 *   if (principal) res.end(`hello ${principal.userName ?? 'root'}`);
 * });
 * ```
 */
export {
  AkmVerifier,
  type AkmVerifierOptions,
  type AuthenticatedRequest,
  type FastifyInstanceLike,
  type FastifyReplyLike,
  type FastifyRequestLike,
} from './akm-verifier.js';
export { type ForwardedRequestJson, forwardedPartsOf, type ReceivedRequest } from './forwarded-parts.js';
export {
  type Verification,
  type VerifiedError,
  type VerifiedPrincipal,
  type VerifiedProtocol,
  type VerifyAnswer,
  VerifyCallError,
  VerifyClient,
  type VerifyClientOptions,
} from './verify-client.js';
