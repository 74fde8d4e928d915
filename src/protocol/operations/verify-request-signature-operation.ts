/**
 * VerifyRequestSignature (akm): a service forwards the parts of a request it received (`Request`, never
 * the body itself) and the name it serves under (`Service`); akm verifies the signature exactly as it
 * verifies its own requests and answers the principal, or the refusal in the verified request's own
 * wire (RAM codes for ACS3/V1, IAM codes for SigV4). A refusal of the verified request is a successful
 * answer (`Verified: false`); only a problem with the verify call itself (its own signature, a missing
 * AkmVerifyAccess, a malformed `Request`, throttling of the caller) is an error response.
 */
import { AkmError } from '../../domain/errors.js';
import type { Principal } from '../../domain/principal.js';
import { verifyRequestSignature } from '../../service/verify-request-signature.js';
import { parseForwardedRequest } from '../verification/forwarded-request.js';
import { actionOf, claimOf, protocolOf, verifiedErrorOf } from '../verification/verified-scheme.js';
import { headerValue } from '../wire.js';
import { defineOperation } from './operation.js';
import { listOf, type OutputObject } from './output.js';

/** Names a service may register: lower-case, like SigV4 signing names; akm's own are reserved. */
const SERVICE_NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const RESERVED_SERVICES = new Set(['ram', 'iam', 'sts']);

function checkServiceName(name: string): string {
  if (!SERVICE_NAME.test(name) || RESERVED_SERVICES.has(name)) {
    throw new AkmError('INVALID_VALUE', { field: 'service', value: name });
  }
  return name;
}

/** The verified principal as the answer carries it. */
function principalView(principal: Principal): OutputObject {
  return {
    accountId: principal.accountId,
    type: principal.kind === 'root' ? 'Root' : 'User',
    userName: principal.userName,
    accessKeyId: principal.accessKeyId,
    policies: listOf('policy', principal.policies),
  };
}

/** VerifyRequestSignature: open to the root and to holders of AkmVerifyAccess. */
export const verifyRequestSignatureOperation = defineOperation({
  name: 'VerifyRequestSignature',
  permission: { level: 'verify', selfServiceKeys: false },
  input: { request: { type: 'string', required: true }, service: { type: 'string', required: true } },
  async execute({ deps, caller }, input) {
    const serviceName = checkServiceName(input.service);
    const { signed, sourceIp } = parseForwardedRequest(input.request, 'request');
    const protocol = protocolOf(signed);
    const origin = {
      sourceIp,
      userAgent: headerValue(signed.headers, 'user-agent') ?? null,
      action: actionOf(signed),
    };
    const result = await verifyRequestSignature(deps, caller, () => claimOf(signed, serviceName), origin);
    if (result.verified) return { verified: true, protocol, principal: principalView(result.principal) };
    return { verified: false, protocol, error: { ...verifiedErrorOf(protocol, result.error) } };
  },
});
