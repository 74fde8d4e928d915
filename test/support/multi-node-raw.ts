/**
 * Raw signed requests to an akm node for the multi-node suites: build a V1 or V3 request once, send the
 * same bytes to any node (a replay), and never wait longer than a bound for the answer.
 */
import { request } from 'node:http';
import { encodeQuery, signAcsV1Params, signAcsV3Request } from '../../src/signing/client-sign.js';
import { RAM_VERSION, type RawRequest, type RawResponse } from './e2e-raw-ram.js';
import type { Credentials } from './ram-clients.js';

/** What a node is reached by. */
export interface NodeAddress {
  readonly url: string;
  /** `127.0.0.1:<port>`, the default Host header. */
  readonly endpoint: string;
}

/** The signature schemes the suites use: V1 as pop-core sends it, V3 as ram20150501 sends it. */
export type Scheme = 'V1' | 'V3';

/** Signs `action` for `node` (V3 signs its Host header): a request that can then be sent to any node. */
export function signedRequest(
  scheme: Scheme,
  node: NodeAddress,
  credentials: Credentials,
  action: string,
  params: Readonly<Record<string, string>> = {},
): RawRequest {
  const keys = { accessKeyId: credentials.accessKeyId, secret: credentials.accessKeySecret };
  if (scheme === 'V1') {
    const signed = signAcsV1Params({
      method: 'GET',
      params: { Action: action, Version: RAM_VERSION, ...params },
      ...keys,
    });
    return { method: 'GET', path: `/?${encodeQuery(signed)}`, headers: {} };
  }
  const query = { ...params };
  const headers = signAcsV3Request({
    method: 'POST',
    host: node.endpoint,
    query,
    action,
    version: RAM_VERSION,
    ...keys,
    extraHeaders: { 'x-acs-credentials-provider': 'static_ak' },
  });
  const qs = encodeQuery(query);
  return { method: 'POST', path: qs === '' ? '/' : `/?${qs}`, headers };
}

/** The bound used when a caller gives none: far beyond any configured akm timeout. */
const DEFAULT_RESPONSE_BOUND_MS = 20_000;

/**
 * Sends exactly `req` to `node` (Host defaults to the node's endpoint; a request signed for another node
 * keeps that node's Host). Rejects, rather than hangs, when no answer arrives within `boundMs`.
 */
export function sendToNode(
  node: NodeAddress,
  req: RawRequest,
  boundMs = DEFAULT_RESPONSE_BOUND_MS,
): Promise<RawResponse> {
  const { hostname, port } = new URL(node.url);
  const headers: Record<string, string> = { host: node.endpoint, ...req.headers };
  if (req.body !== undefined) headers['content-length'] = String(Buffer.byteLength(req.body));
  return new Promise((resolve, reject) => {
    const outgoing = request({ hostname, port, method: req.method, path: req.path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          contentType: res.headers['content-type'],
          text,
          json: parseJson(text),
        });
      });
      res.on('error', reject);
    });
    outgoing.setTimeout(boundMs, () =>
      outgoing.destroy(
        new Error(`no answer from ${node.url} within ${boundMs} ms (${req.method} ${req.path})`),
      ),
    );
    outgoing.on('error', reject);
    outgoing.end(req.body);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Signs and sends one call to `node`. */
export function callNode(
  scheme: Scheme,
  node: NodeAddress,
  credentials: Credentials,
  action: string,
  params: Readonly<Record<string, string>> = {},
): Promise<RawResponse> {
  return sendToNode(node, signedRequest(scheme, node, credentials, action, params));
}

/** The outcome of {@link pollWithin}: when `done` first held, and the last value seen. */
export interface PollOutcome<T> {
  /**
   * Milliseconds from `startedAt` until the answer that satisfied `done` arrived (it may exceed the
   * bound, for the report), or undefined when polling gave up at the bound.
   */
  readonly delayMs: number | undefined;
  readonly last: T;
}

/**
 * Calls `probe` until `done(value)`, giving up once an answer arrives later than `boundMs` after
 * `startedAt`; an unexpected value may throw from `done` to fail at once. The delay is taken when the
 * satisfying answer arrived, never earlier: the bound is the contract being checked.
 */
export async function pollWithin<T>(
  startedAt: number,
  boundMs: number,
  probe: () => Promise<T>,
  done: (value: T) => boolean,
  intervalMs = 25,
): Promise<PollOutcome<T>> {
  for (;;) {
    const last = await probe();
    const elapsed = performance.now() - startedAt;
    if (done(last)) return { delayMs: elapsed, last };
    if (elapsed > boundMs) return { delayMs: undefined, last };
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Waits (liveness, not speed) until `check` holds, failing with `what` after `limitMs`. */
export async function eventually(
  what: string,
  check: () => Promise<boolean>,
  limitMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + limitMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up after ${limitMs} ms waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
