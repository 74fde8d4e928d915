/**
 * The answer a refused request gets, in its own wire's format, written by akm's own renderers: RAM's
 * JSON (or XML with `Format=XML`) error body for ACS3/V1-signed requests, AWS's XML ErrorResponse for
 * SigV4-signed ones.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { renderAwsError } from '../protocol/aws-query/aws-query-render.js';
import { renderRamError } from '../protocol/ram-rpc/ram-render.js';
import type { WireResponse } from '../protocol/wire.js';
import { SIGV4_ALGORITHM } from '../signing/aws-sigv4.js';
import { parseFormEncoded } from '../signing/parse-form.js';
import type { VerifiedError, VerifiedProtocol } from './verify-client.js';

/** The namespace of AWS error documents written for verified services (clients ignore it). */
const AWS_ERROR_NAMESPACE = 'https://iam.amazonaws.com/doc/2010-05-08/';

/** The wire of a request, judged by its signature as akm judges it. */
export function protocolOfHeaders(headers: IncomingHttpHeaders): VerifiedProtocol {
  return (headers.authorization ?? '').startsWith(`${SIGV4_ALGORITHM} `) ? 'AWS' : 'RAM';
}

/** Whether a RAM request asked for XML (`Format=XML`, V1 clients). */
function wantsXml(url: string): boolean {
  const q = url.indexOf('?');
  const format = parseFormEncoded(q < 0 ? '' : url.slice(q + 1)).find(([name]) => name === 'Format')?.[1];
  return format?.toUpperCase() === 'XML';
}

/** The response refusing a request with `error`, in `protocol`'s format. */
export function refusalOf(
  protocol: VerifiedProtocol,
  error: VerifiedError,
  request: { readonly url: string; readonly headers: IncomingHttpHeaders },
  requestId: string,
): WireResponse {
  if (protocol === 'AWS') {
    const type = error.httpStatus >= 500 ? 'Receiver' : 'Sender';
    return renderAwsError({ ...error, status: error.httpStatus, type }, AWS_ERROR_NAMESPACE, requestId);
  }
  const format = wantsXml(request.url) ? 'XML' : 'JSON';
  return renderRamError(
    { ...error, status: error.httpStatus },
    requestId,
    request.headers.host ?? '',
    format,
  );
}
