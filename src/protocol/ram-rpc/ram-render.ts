/**
 * RAM response bodies: JSON by default, XML with `Format=XML`, from output already projected to RAM's
 * names (see ram-bindings.ts). Lists are always JSON arrays wrapped in
 * their plural object (`AccessKeys.AccessKey[]`), ids stay strings, dates have second precision, and an
 * error always carries both a 4xx/5xx status and a `Code` (openapi-core reads the status, pop-core the Code).
 */
import { outputToJson } from '../json-output.js';
import type { OutputObject } from '../operations/output.js';
import type { WireResponse } from '../wire.js';
import { outputFieldsToXml, XML_DECLARATION, xmlElement } from '../xml.js';
import type { RamWireError } from './ram-error-table.js';

/** The response format a client asked for. */
export type RamFormat = 'JSON' | 'XML';

// openapi-core parses an error body as XML only for exactly this content type (no space).
const XML_TYPE = 'text/xml;charset=utf-8';
const JSON_TYPE = 'application/json;charset=utf-8';

/** A success response for `action`; `output` is keyed by RAM wire names. */
export function renderRamSuccess(
  action: string,
  requestId: string,
  output: OutputObject,
  format: RamFormat,
): WireResponse {
  if (format === 'XML') {
    const body = `${XML_DECLARATION}<${action}Response>${xmlElement('RequestId', requestId)}${outputFieldsToXml(output)}</${action}Response>`;
    return { status: 200, headers: { 'content-type': XML_TYPE, 'x-acs-request-id': requestId }, body };
  }
  const body = JSON.stringify({ RequestId: requestId, ...outputToJson(output, 'wrapped') });
  return { status: 200, headers: { 'content-type': JSON_TYPE, 'x-acs-request-id': requestId }, body };
}

/** An error response in RAM's shape, with HostId and Recommend as live RAM sends them. */
export function renderRamError(
  error: RamWireError,
  requestId: string,
  hostId: string,
  format: RamFormat,
): WireResponse {
  const recommend = `https://api.aliyun.com/troubleshoot?q=${encodeURIComponent(error.code)}&product=Ram&requestId=${requestId}`;
  const headers = { ...error.headers, 'x-acs-request-id': requestId };
  if (format === 'XML') {
    const body =
      `${XML_DECLARATION}<Error>${xmlElement('RequestId', requestId)}${xmlElement('HostId', hostId)}` +
      `${xmlElement('Code', error.code)}${xmlElement('Message', error.message)}${xmlElement('Recommend', recommend)}</Error>`;
    return { status: error.status, headers: { ...headers, 'content-type': XML_TYPE }, body };
  }
  const body = JSON.stringify({
    RequestId: requestId,
    HostId: hostId,
    Code: error.code,
    Message: error.message,
    Recommend: recommend,
  });
  return { status: error.status, headers: { ...headers, 'content-type': JSON_TYPE }, body };
}
