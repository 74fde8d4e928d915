/**
 * A small client for the RAM API of a running akm. Requests are what @alicloud/ram20150501 sends by
 * default: `POST /` with the parameters in the query, an empty body, and an ACS3-HMAC-SHA256
 * `Authorization` (see /work/shared/protocol/ram-rpc.md §3.2). Connections are kept alive across calls.
 */
import { KeepAlivePoster, SilenceTimeout } from '../../client/keep-alive-poster.js';
import type { Operation } from '../../protocol/operations/operation.js';
import { RAM_API_VERSION, toRamParameter } from '../../protocol/ram-rpc/ram-names.js';
import { encodeQuery, signAcsV3Request } from '../../signing/client-sign.js';
import { printable } from '../output/printable.js';
import { ApiError, EndpointError } from './api-errors.js';
import { type JsonObject, parseJsonObject, readString } from './ram-fields.js';

/** An operation's input by neutral field name (`userName`); undefined fields are not sent. */
export type OperationInput = Readonly<Record<string, string | undefined>>;

/** Where and as whom to call. */
export interface RamApiClientOptions {
  /** `http://host:port` or `https://host:port`. */
  readonly endpoint: URL;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** PEM certificates to trust for https, in addition to Node's store (and NODE_EXTRA_CA_CERTS). */
  readonly ca?: string;
  /** Longest silence on a connection before the call fails; defaults to 30 s. */
  readonly timeoutMs?: number;
  /** Most connections open at once (concurrent calls beyond it queue); defaults to 8. */
  readonly maxSockets?: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const MAX_RESPONSE_BYTES = 16 * 1024 * 1024;
// Node's codes for certificates it could not verify: the hint names the two ways to trust one.
const UNTRUSTED_CERTIFICATE = /SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|CERT_UNTRUSTED/;

/** Calls RAM operations of one endpoint with one AccessKey pair. Call {@link RamApiClient.close} when done. */
export class RamApiClient {
  readonly #options: RamApiClientOptions;
  readonly #http: KeepAlivePoster;

  constructor(options: RamApiClientOptions) {
    this.#options = options;
    this.#http = new KeepAlivePoster({
      endpoint: options.endpoint,
      ca: options.ca,
      maxSockets: options.maxSockets ?? 8,
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxAnswerBytes: MAX_RESPONSE_BYTES,
    });
  }

  /**
   * Calls one operation.
   *
   * @param operation - the operation, from the protocol catalogue (its name is the RAM action)
   * @param input - its parameters by neutral name; each must be one the operation declares
   * @returns the parsed JSON response, exactly as RAM sent it
   * @throws ApiError for a RAM error response; EndpointError when no RAM answer came back
   */
  async call(operation: Operation, input: OperationInput = {}): Promise<JsonObject> {
    const query = toWireParams(operation, input);
    const { endpoint } = this.#options;
    const headers = signAcsV3Request({
      method: 'POST',
      host: endpoint.host,
      pathname: endpoint.pathname,
      query,
      action: operation.name,
      version: RAM_API_VERSION,
      accessKeyId: this.#options.accessKeyId,
      secret: this.#options.accessKeySecret,
    });
    const encoded = encodeQuery(query);
    const path = encoded === '' ? endpoint.pathname : `${endpoint.pathname}?${encoded}`;
    const { status, text } = await this.#http
      .post(path, { ...headers, accept: 'application/json', 'content-length': '0', 'user-agent': 'akm-cli' })
      .catch((error: unknown) => {
        throw unreachable(endpoint.origin, error);
      });
    return interpretAnswer(status, text, endpoint.origin);
  }

  /** Closes the kept-alive connections, so the process can exit. */
  close(): void {
    this.#http.close();
  }
}

/** The operation's wire parameters; asking for a field the operation does not declare is a bug. */
function toWireParams(operation: Operation, input: OperationInput): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [field, value] of Object.entries(input)) {
    if (!Object.hasOwn(operation.input, field)) throw new Error(`${operation.name} has no input ${field}`);
    if (value !== undefined) params[toRamParameter(field)] = value;
  }
  return params;
}

/**
 * A 2xx JSON object is the answer; a 4xx/5xx with a `Code` is a RAM error; anything else means the
 * endpoint is not (or not only) akm, e.g. a proxy's HTML error page.
 */
export function interpretAnswer(status: number, text: string, origin: string): JsonObject {
  const body = parseJsonObject(text);
  if (body && status >= 200 && status < 300) return body;
  const code = body && readString(body, 'code');
  if (body && code && status >= 400) {
    throw new ApiError(code, readString(body, 'message') ?? '', status, readString(body, 'requestId'));
  }
  const excerpt = printable(text.trim().slice(0, 120));
  throw new EndpointError(
    `${origin} did not answer like the RAM API (HTTP ${status}${excerpt ? `: ${excerpt}` : ''})`,
  );
}

function unreachable(origin: string, error: unknown): Error {
  if (error instanceof SilenceTimeout) {
    return new EndpointError(`no answer from ${origin} within ${error.timeoutMs / 1000} s`);
  }
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException | undefined)?.code ?? '';
  const hint = UNTRUSTED_CERTIFICATE.test(code)
    ? ' (to trust a self-signed certificate, pass --ca FILE or set NODE_EXTRA_CA_CERTS)'
    : '';
  return new EndpointError(`cannot reach ${origin}: ${message}${hint}`);
}
