/**
 * `POST /v1/verify?Service=NAME`: VerifyRequestSignature as a JSON endpoint, for middleware. The body is
 * the forwarded request object itself; the call is signed like any RAM API call with ACS3-HMAC-SHA256
 * (`x-acs-action: VerifyRequestSignature`, `x-acs-version: 2015-05-01`, the JSON body covered by
 * `x-acs-content-sha256` and a signed `content-type`). The answer is `{RequestId, Verified, Protocol,
 * Principal | Error}` with plain JSON arrays; a failure of the call itself is RAM's JSON error body.
 * Each request runs: check route → read signature → authenticate → authorise and execute → render.
 */
import { AkmError, isAkmError } from '../../domain/errors.js';
import { authenticateRequest } from '../../service/authenticate-request.js';
import type { ServiceDeps } from '../../service/service-deps.js';
import { outputToJson } from '../json-output.js';
import { readInput } from '../operations/input.js';
import { runOperation } from '../operations/run-operation.js';
import { verifyRequestSignatureOperation } from '../operations/verify-request-signature-operation.js';
import { projectOutput } from '../operations/wire-shape.js';
import { RAM_ERROR_TABLE } from '../ram-rpc/ram-error-table.js';
import { RAM_API_VERSION, RAM_NAMING } from '../ram-rpc/ram-names.js';
import { renderRamError } from '../ram-rpc/ram-render.js';
import { type RamRequest, readRamRequest } from '../ram-rpc/ram-request.js';
import { extractRamClaim } from '../ram-rpc/ram-signature-claim.js';
import { signedRequestOf } from '../signed-request.js';
import { originOf, type WireOutcome, type WireRequest } from '../wire.js';

/** The path of the JSON verification endpoint. */
export const VERIFY_PATH = '/v1/verify';

const ACTION = verifyRequestSignatureOperation.name;

/** Whether a request is for the JSON verification endpoint. */
export function isVerifyRequest(request: WireRequest): boolean {
  return request.path === VERIFY_PATH;
}

/** The verify call's own signature: ACS3-HMAC-SHA256 for this action and version, nothing else. */
function checkSignatureScheme(ram: RamRequest): void {
  if (ram.scheme === 'none') throw new AkmError('MISSING_AUTHENTICATION');
  if (ram.scheme !== 'v3') {
    throw new AkmError('UNSUPPORTED_SIGNATURE_METHOD', { detail: 'sign /v1/verify with ACS3-HMAC-SHA256' });
  }
  if (ram.action !== ACTION) throw new AkmError('UNKNOWN_ACTION', { entity: ram.action ?? '' });
  if (ram.version !== RAM_API_VERSION) throw new AkmError('INVALID_VERSION');
}

/** A failure of the verify call, in RAM's JSON error shape. */
export function renderVerifyError(error: unknown, requestId: string, hostId: string): WireOutcome {
  const known = isAkmError(error) ? error : undefined;
  const wire = RAM_ERROR_TABLE[known?.code ?? 'INTERNAL'](known?.details ?? {});
  return { response: renderRamError(wire, requestId, hostId, 'JSON'), errorCode: wire.code };
}

/** The `/v1/verify` handler bound to the services. */
export function createVerifyJsonHandler(deps: ServiceDeps, options: { readonly hostId: string }) {
  return async function handleVerify(request: WireRequest, requestId: string): Promise<WireOutcome> {
    let accessKeyId: string | undefined;
    try {
      if (request.method !== 'POST') throw new AkmError('UNKNOWN_ACTION');
      const ram = readRamRequest(signedRequestOf(request));
      checkSignatureScheme(ram);
      const claim = extractRamClaim(ram);
      accessKeyId = claim.accessKeyId;
      const origin = originOf(request, ACTION);
      const caller = await authenticateRequest(deps, claim, origin);
      const input = () =>
        readInput(verifyRequestSignatureOperation.input, (field) =>
          field === 'request' ? request.body.toString('utf8') : ram.params.get('Service'),
        );
      const output = await runOperation(verifyRequestSignatureOperation, input, {
        deps,
        caller,
        requestId,
        keyFormat: 'ram',
        origin,
      });
      const body = JSON.stringify({
        RequestId: requestId,
        ...outputToJson(projectOutput(output, 'all', RAM_NAMING), 'plain'),
      });
      const headers = { 'content-type': 'application/json;charset=utf-8', 'x-acs-request-id': requestId };
      return { response: { status: 200, headers, body }, action: ACTION, accessKeyId };
    } catch (error) {
      if (!isAkmError(error)) {
        deps.logger.error('unhandled error', {
          requestId,
          error: error instanceof Error ? error.stack : String(error),
        });
      }
      return { ...renderVerifyError(error, requestId, options.hostId), action: ACTION, accessKeyId };
    }
  };
}
