/**
 * Protects a Node service with akm: each request's signature (ACS3-HMAC-SHA256, V1 HMAC-SHA1 or SigV4,
 * made with an akm AccessKey) is verified by akm's `/v1/verify`, the principal is attached to the
 * request as `principal`, and refused requests are answered in their own wire's error format. Works
 * with `node:http`, Express and Fastify, typed structurally (no dependency on either framework).
 *
 * Body handling: the signature covers the body through its SHA-256, so the body must be hashed before
 * any parser consumes it. The middleware reads the body itself (up to `maxBodyBytes`) and leaves it as
 * `req.rawBody`; with Express mount it before body parsers, or after `express.raw()` (whose Buffer it
 * uses); with Fastify it hooks `preParsing` and hands the bytes on to Fastify's parsers. A service that
 * streams large bodies passes `bodySha256(req)` instead and checks the hash of what it streams.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { sha256Hex } from '../signing/acs-v3.js';
import { forwardedPartsOf } from './forwarded-parts.js';
import { protocolOfHeaders, refusalOf } from './refusal.js';
import {
  type VerifiedError,
  type VerifiedPrincipal,
  type VerifyAnswer,
  VerifyCallError,
  VerifyClient,
  type VerifyClientOptions,
} from './verify-client.js';

/** Options of {@link AkmVerifier}. */
export interface AkmVerifierOptions extends VerifyClientOptions {
  /** The largest body the middleware reads to hash; larger ones are refused (413). Defaults to 1 MiB. */
  readonly maxBodyBytes?: number;
  /** A body hash the service computed itself (lower-case hex SHA-256); the body is then not read. */
  readonly bodySha256?: (req: IncomingMessage) => string | undefined;
  /** The client's address; defaults to the socket's peer. Behind a proxy, give the client's. */
  readonly sourceIp?: (req: IncomingMessage) => string | undefined;
  /** Told when akm could not answer or refused the service itself (the client gets 503). */
  readonly onError?: (error: VerifyCallError) => void;
}

/** A request the middleware has verified. */
export interface AuthenticatedRequest {
  principal?: VerifiedPrincipal;
  /** The body the middleware read and hashed. */
  rawBody?: Buffer;
}

/** An Express-like request: Node's, with what body parsers may have left. */
type NodeRequest = IncomingMessage & AuthenticatedRequest & { body?: unknown };

/** The Fastify request, reply and instance, as far as the middleware uses them. */
export interface FastifyRequestLike {
  readonly raw: IncomingMessage;
  principal?: VerifiedPrincipal | null;
}
export interface FastifyReplyLike {
  code(status: number): FastifyReplyLike;
  headers(values: Record<string, string>): FastifyReplyLike;
  send(payload: string): unknown;
}
export interface FastifyInstanceLike {
  addHook(
    name: 'preParsing',
    hook: (
      request: FastifyRequestLike,
      reply: FastifyReplyLike,
      payload: Readable,
    ) => Promise<Readable | undefined>,
  ): unknown;
  hasRequestDecorator(name: string): boolean;
  decorateRequest(name: string, value: null): unknown;
}

const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;
const TOO_LARGE: VerifiedError = {
  code: 'RequestEntityTooLarge',
  message: 'The request body is too large.',
  httpStatus: 413,
};
const UNAVAILABLE: VerifiedError = {
  code: 'ServiceUnavailable',
  message: 'The request could not be verified now; try again.',
  httpStatus: 503,
};
/** What the client of a throttled service is told (RAM's and AWS's throttling codes). */
const THROTTLED: Record<'RAM' | 'AWS', VerifiedError> = {
  RAM: { code: 'Throttling.User', message: 'Request was denied due to user flow control.', httpStatus: 400 },
  AWS: { code: 'Throttling', message: 'Rate exceeded', httpStatus: 400 },
};

class BodyTooLarge extends Error {}

/** Reads a stream to its end, failing past `limit` bytes. */
async function readAll(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer);
    size += bytes.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, size);
}

function plainAddress(address: string | undefined): string | undefined {
  return address?.startsWith('::ffff:') ? address.slice(7) : address;
}

/** Verifies requests with akm for one service. Call {@link AkmVerifier.close} when the service stops. */
export class AkmVerifier {
  readonly #client: VerifyClient;

  constructor(private readonly options: AkmVerifierOptions) {
    this.#client = new VerifyClient(options);
  }

  /** Asks akm about a request whose body is `body` (or whose hash the service gave). */
  async check(req: IncomingMessage, body: Buffer | undefined): Promise<VerifyAnswer> {
    const given = this.options.bodySha256?.(req);
    const sourceIp = this.options.sourceIp?.(req) ?? plainAddress(req.socket.remoteAddress);
    return this.#client.verify(
      forwardedPartsOf({
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        headers: req.headers,
        bodySha256: given ?? sha256Hex(body ?? Buffer.alloc(0)),
        ...(body === undefined ? {} : { body }),
        ...(sourceIp === undefined ? {} : { sourceIp }),
      }),
    );
  }

  /**
   * `node:http`: verifies `req` (reading its body, left as `req.rawBody`), attaches and returns the
   * principal; for a refused request it answers `res` itself and returns undefined.
   */
  async authenticate(req: NodeRequest, res: ServerResponse): Promise<VerifiedPrincipal | undefined> {
    const answer = await this.#decide(req, () => this.#bodyOf(req));
    if (answer.refusal) {
      res.writeHead(answer.refusal.status, answer.refusal.headers);
      res.end(answer.refusal.body);
      return undefined;
    }
    req.principal = answer.principal;
    return answer.principal;
  }

  /** Express middleware: `app.use(verifier.express())`, before body parsers (or after `express.raw()`). */
  express(): (req: NodeRequest, res: ServerResponse, next: (error?: unknown) => void) => void {
    return (req, res, next) => {
      this.authenticate(req, res).then((principal) => {
        if (principal) next();
      }, next);
    };
  }

  /** Fastify plugin: `fastify.register(verifier.fastify)`; applies to every route of the instance. */
  readonly fastify = Object.assign(
    async (instance: FastifyInstanceLike): Promise<void> => {
      if (!instance.hasRequestDecorator('principal')) instance.decorateRequest('principal', null);
      instance.addHook('preParsing', async (request, reply, payload) => {
        let body: Buffer | undefined;
        const answer = await this.#decide(request.raw, async () => {
          body = this.options.bodySha256?.(request.raw) ? undefined : await readAll(payload, this.#maxBody());
          return body;
        });
        if (answer.refusal) {
          reply.code(answer.refusal.status).headers(answer.refusal.headers).send(answer.refusal.body);
          return undefined;
        }
        request.principal = answer.principal;
        return body === undefined ? payload : Readable.from([body]);
      });
    },
    // Fastify's marker for plugins whose hooks apply to the registering instance, not a child context.
    { [Symbol.for('skip-override')]: true },
  );

  /** Closes the kept-alive connections to akm. */
  close(): void {
    this.#client.close();
  }

  #maxBody(): number {
    return this.options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  }

  /** The body to hash: one a parser already kept, else read from the stream (kept as `rawBody`). */
  async #bodyOf(req: NodeRequest): Promise<Buffer | undefined> {
    if (this.options.bodySha256?.(req)) return undefined;
    if (Buffer.isBuffer(req.rawBody)) return req.rawBody;
    if (Buffer.isBuffer(req.body)) return req.body;
    if (req.readableEnded) throw new Error('the request body was consumed before akm could hash it');
    req.rawBody = await readAll(req, this.#maxBody());
    return req.rawBody;
  }

  /** The principal, or the response refusing the request (in its own wire's format). */
  async #decide(
    req: IncomingMessage,
    readBody: () => Promise<Buffer | undefined>,
  ): Promise<
    | { refusal?: undefined; principal: VerifiedPrincipal }
    | { refusal: { status: number; headers: Record<string, string>; body: string } }
  > {
    const protocol = protocolOfHeaders(req.headers);
    const refuse = (error: VerifiedError, requestId: string) => {
      const response = refusalOf(protocol, error, { url: req.url ?? '/', headers: req.headers }, requestId);
      return { refusal: { status: response.status, headers: { ...response.headers }, body: response.body } };
    };
    try {
      const answer = await this.check(req, await readBody());
      if (answer.verified) return { principal: answer.principal };
      return refuse(answer.error, answer.requestId);
    } catch (error) {
      if (error instanceof BodyTooLarge) return refuse(TOO_LARGE, '');
      const failure =
        error instanceof VerifyCallError
          ? error
          : new VerifyCallError('InternalError', error instanceof Error ? error.message : String(error), 0);
      this.options.onError?.(failure);
      return refuse(failure.code.startsWith('Throttling') ? THROTTLED[protocol] : UNAVAILABLE, '');
    }
  }
}
