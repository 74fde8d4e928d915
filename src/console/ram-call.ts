// One signed RAM 2015-05-01 RPC call over fetch, as the official SDK sends it (V3 signature, POST, every
// business parameter in the query, empty body); failures become RamApiError with RAM's code and message.

import { canonicalQuery, randomNonce, signRamRequest } from './ram-signer.js';

/** The RAM API version the console speaks. */
export const RAM_API_VERSION = '2015-05-01';

/** An AccessKey pair the console signs with. */
export interface ConsoleCredentials {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
}

/** Where the API is and how to reach it. */
export interface RamEndpoint {
  /** Scheme, host and port to send to: the page's own `location.origin`. */
  readonly origin: string;
  /** The Host header the browser will send for `origin` (`location.host`): it is signed. */
  readonly host: string;
  /** Defaults to the global `fetch`. */
  readonly fetch?: typeof fetch;
  /** Defaults to the system clock. */
  readonly now?: () => Date;
}

/** Parameter values; `undefined` ones are not sent. */
export type RamParams = Readonly<Record<string, string | number | boolean | undefined>>;

/** A decoded JSON object from a RAM response. */
export type RamJson = Readonly<Record<string, unknown>>;

/** A RAM error response (or a transport failure, with code `NetworkError` / `InvalidResponse`). */
export class RamApiError extends Error {
  override readonly name = 'RamApiError';

  /**
   * @param code - RAM's `Code`, e.g. `SignatureDoesNotMatch`
   * @param message - RAM's `Message`
   * @param status - the HTTP status (0 when no response arrived)
   * @param requestId - RAM's `RequestId`, when the response carried one
   */
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly requestId?: string,
  ) {
    super(message);
  }
}

/** Like the SDK's credentials provider, the console says it signs with a static AccessKey. */
const SDK_HEADERS = { 'x-acs-credentials-provider': 'static_ak' } as const;

/**
 * Signs and sends one RAM call.
 *
 * @param endpoint - see {@link RamEndpoint}
 * @param credentials - the pair to sign with; the secret only ever feeds the HMAC
 * @param action - the RAM operation, e.g. `ListUsers`
 * @param params - its parameters
 * @returns the success body
 * @throws RamApiError for a RAM error response, a non-JSON answer or a network failure
 */
export async function callRam(
  endpoint: RamEndpoint,
  credentials: ConsoleCredentials,
  action: string,
  params: RamParams = {},
): Promise<RamJson> {
  const query = definedParams(params);
  const headers = await signRamRequest({
    host: endpoint.host,
    action,
    version: RAM_API_VERSION,
    query,
    accessKeyId: credentials.accessKeyId,
    secret: credentials.accessKeySecret,
    date: (endpoint.now ?? (() => new Date()))(),
    nonce: randomNonce(),
    extraHeaders: SDK_HEADERS,
  });
  const search = canonicalQuery(query);
  const send = endpoint.fetch ?? fetch;
  let response: Response;
  try {
    response = await send(`${endpoint.origin}/${search === '' ? '' : `?${search}`}`, {
      method: 'POST',
      headers: { ...headers, accept: 'application/json' },
      credentials: 'omit',
      redirect: 'error',
      referrerPolicy: 'no-referrer',
    });
  } catch (error) {
    throw new RamApiError('NetworkError', error instanceof Error ? error.message : String(error), 0);
  }
  return readBody(response);
}

function definedParams(params: RamParams): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) if (value !== undefined) out[name] = String(value);
  return out;
}

/** A success is a 2xx JSON object; anything else becomes a RamApiError. */
async function readBody(response: Response): Promise<RamJson> {
  const text = await response.text();
  let body: RamJson | undefined;
  try {
    body = asObject(JSON.parse(text));
  } catch {
    body = undefined;
  }
  if (body === undefined) {
    const snippet = text.slice(0, 200) || response.statusText;
    throw new RamApiError('InvalidResponse', `HTTP ${response.status}: ${snippet}`, response.status);
  }
  if (response.ok) return body;
  throw new RamApiError(
    jsonText(body.Code ?? body.code) || `HTTP${response.status}`,
    jsonText(body.Message ?? body.message),
    response.status,
    jsonText(body.RequestId ?? body.requestId) || undefined,
  );
}

/**
 * The value as an object, or `undefined` when it is not one.
 *
 * @param value - any decoded JSON value
 */
export function asObject(value: unknown): RamJson | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as RamJson)
    : undefined;
}

/**
 * A JSON scalar as text (RAM ids are strings; tolerate numbers); absent values are `''`.
 *
 * @param value - any decoded JSON value
 */
export function jsonText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return '';
}
