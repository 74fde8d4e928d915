/**
 * awsQuery response documents: `<ActionResponse xmlns=…>` with an `<ActionResult>` wrapper for operations
 * that return something (none for void ones) and `ResponseMetadata/RequestId`; errors as
 * `<ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>`. Every response
 * carries `x-amzn-RequestId` (the JS SDK reads the request id only from headers) and `text/xml`.
 */
import type { OutputObject } from '../operations/output.js';
import type { WireResponse } from '../wire.js';
import { outputFieldsToXml, xmlElement } from '../xml.js';
import type { IamWireError } from './iam-error-table.js';

function headers(requestId: string): Record<string, string> {
  return { 'content-type': 'text/xml', 'x-amzn-RequestId': requestId };
}

/** A success document for `action`; `output` is keyed by wire names, and `null` means a void operation. */
export function renderAwsSuccess(
  action: string,
  namespace: string,
  requestId: string,
  output: OutputObject | null,
): WireResponse {
  const result = output === null ? '' : `<${action}Result>${outputFieldsToXml(output)}</${action}Result>`;
  const body =
    `<${action}Response xmlns="${namespace}">${result}` +
    `<ResponseMetadata>${xmlElement('RequestId', requestId)}</ResponseMetadata></${action}Response>`;
  return { status: 200, headers: headers(requestId), body };
}

/** An error document; the RequestId is a sibling of `<Error>`, as AWS writes it. */
export function renderAwsError(error: IamWireError, namespace: string, requestId: string): WireResponse {
  const body =
    `<ErrorResponse xmlns="${namespace}"><Error>${xmlElement('Type', error.type)}${xmlElement('Code', error.code)}` +
    `${xmlElement('Message', error.message)}</Error>${xmlElement('RequestId', requestId)}</ErrorResponse>`;
  return { status: error.status, headers: headers(requestId), body };
}
