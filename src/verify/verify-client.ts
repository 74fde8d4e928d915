/**
 * The client of akm's `POST /v1/verify`: one keep-alive connection pool per verifier, each call signed
 * with ACS3-HMAC-SHA256 by the service's own AccessKey (which must hold AkmVerifyAccess).
 */
import { type HttpAnswer, KeepAlivePoster, SilenceTimeout } from '../client/keep-alive-poster.js';
import { encodeQuery, signAcsV3Request } from '../signing/client-sign.js';
import type { ForwardedRequestJson } from './forwarded-parts.js';

/** How to reach akm and as whom. */
export interface VerifyClientOptions {
  /** akm's base URL, e.g. `http://127.0.0.1:8080`. */
  readonly endpoint: string | URL;
  /** The service's own AccessKey pair (root, or a user holding AkmVerifyAccess). */
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** The name the service registers: usage is recorded under it; SigV4 requests must be signed for it. */
  readonly service: string;
  /** PEM certificates to trust for an https endpoint. */
  readonly ca?: string;
  /** Longest wait for akm's answer; defaults to 5 s. */
  readonly timeoutMs?: number;
  /** Most connections to akm at once; defaults to 64. */
  readonly maxSockets?: number;
}

/** The principal behind a verified request. */
export interface VerifiedPrincipal {
  readonly accountId: string;
  readonly type: 'Root' | 'User';
  /** Absent for a root. */
  readonly userName?: string;
  readonly accessKeyId: string;
  /** The system policies attached to the user. */
  readonly policies: readonly string[];
}

/** The wire a verified request speaks: RAM's (ACS3, V1) or AWS's (SigV4). */
export type VerifiedProtocol = 'RAM' | 'AWS';

/** Why a request was refused, in its own wire's code, message and HTTP status. */
export interface VerifiedError {
  readonly code: string;
  readonly message: string;
  readonly httpStatus: number;
}

/** akm's answer about one request. */
export type Verification =
  | { readonly verified: true; readonly protocol: VerifiedProtocol; readonly principal: VerifiedPrincipal }
  | { readonly verified: false; readonly protocol: VerifiedProtocol; readonly error: VerifiedError };

/** akm's answer with the id of the verify call (for correlating with akm's logs). */
export type VerifyAnswer = Verification & { readonly requestId: string };

/** The verify call itself failed: akm refused the caller (its code) or did not answer (`code` 0-status). */
export class VerifyCallError extends Error {
  override readonly name = 'VerifyCallError';

  constructor(
    /** akm's error code, e.g. `NoPermission`, `Throttling.User`; `Unreachable` when akm did not answer. */
    readonly code: string,
    message: string,
    /** akm's HTTP status; 0 when no answer arrived. */
    readonly status: number,
  ) {
    super(message);
  }
}

const VERIFY_PATH = '/v1/verify';
const MAX_ANSWER_BYTES = 1024 * 1024;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads akm's JSON answer into a {@link VerifyAnswer}, or throws what the call failed with. */
function readAnswer(status: number, text: string): VerifyAnswer {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!isObject(body))
    throw new VerifyCallError('InvalidResponse', `akm answered HTTP ${status} without JSON`, status);
  if (status !== 200) throw new VerifyCallError(String(body.Code), String(body.Message ?? ''), status);
  const requestId = String(body.RequestId ?? '');
  const protocol: VerifiedProtocol = body.Protocol === 'AWS' ? 'AWS' : 'RAM';
  const principal = body.Principal;
  if (body.Verified === true && isObject(principal)) {
    const policies = Array.isArray(principal.Policies) ? principal.Policies.map(String) : [];
    return {
      verified: true,
      protocol,
      requestId,
      principal: {
        accountId: String(principal.AccountId),
        type: principal.Type === 'Root' ? 'Root' : 'User',
        ...(typeof principal.UserName === 'string' ? { userName: principal.UserName } : {}),
        accessKeyId: String(principal.AccessKeyId),
        policies,
      },
    };
  }
  const error = isObject(body.Error) ? body.Error : {};
  return {
    verified: false,
    protocol,
    requestId,
    error: {
      code: String(error.Code ?? 'InvalidResponse'),
      message: String(error.Message ?? ''),
      httpStatus: Number(error.HttpStatus ?? 500),
    },
  };
}

/** Calls `/v1/verify` over kept-alive connections. Call {@link VerifyClient.close} when done. */
export class VerifyClient {
  readonly #endpoint: URL;
  readonly #http: KeepAlivePoster;

  constructor(private readonly options: VerifyClientOptions) {
    this.#endpoint = new URL(options.endpoint);
    this.#http = new KeepAlivePoster({
      endpoint: this.#endpoint,
      ca: options.ca,
      maxSockets: options.maxSockets ?? 64,
      timeoutMs: options.timeoutMs ?? 5000,
      maxAnswerBytes: MAX_ANSWER_BYTES,
    });
  }

  /** Asks akm about one request; throws {@link VerifyCallError} when the call itself fails. */
  async verify(request: ForwardedRequestJson): Promise<VerifyAnswer> {
    const body = JSON.stringify(request);
    const query = { Service: this.options.service };
    const headers = signAcsV3Request({
      method: 'POST',
      host: this.#endpoint.host,
      pathname: VERIFY_PATH,
      query,
      body,
      contentType: 'application/json',
      action: 'VerifyRequestSignature',
      version: '2015-05-01',
      accessKeyId: this.options.accessKeyId,
      secret: this.options.accessKeySecret,
    });
    const path = `${VERIFY_PATH}?${encodeQuery(query)}`;
    const sent = { ...headers, 'content-length': String(Buffer.byteLength(body)) };
    const answer: HttpAnswer = await this.#http.post(path, sent, body).catch((error: unknown) => {
      const why = error instanceof SilenceTimeout ? `no answer within ${error.timeoutMs} ms` : String(error);
      throw new VerifyCallError('Unreachable', `akm at ${this.#endpoint.origin}: ${why}`, 0);
    });
    return readAnswer(answer.status, answer.text);
  }

  /** Closes the kept-alive connections. */
  close(): void {
    this.#http.close();
  }
}
