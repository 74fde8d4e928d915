/**
 * The HTTP(S) server: assigns request ids, enforces body limits, routes by path and protocol, logs one
 * JSON line per request, and answers every failure in the protocol's own error format.
 */
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
  STATUS_CODES,
} from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import { AkmError, isAkmError } from '../domain/errors.js';
import type { IdGenerator, Logger } from '../domain/ports.js';
import type { WireOutcome, WireRequest, WireResponse } from '../protocol/wire.js';
import { createConsoleAssets, DEFAULT_CONSOLE_ROOT, isConsolePath } from './console-assets.js';
import type { WireHandler } from './protocol-router.js';
import { readBody } from './read-body.js';

export type { WireHandler } from './protocol-router.js';

/** What the server needs. */
export interface AkmServerOptions {
  readonly rpc: WireHandler;
  /**
   * Renders an error that happened before a protocol could run (oversized body, unknown path); the
   * request is given with an empty body.
   */
  readonly renderEarlyError: (error: unknown, requestId: string, request: WireRequest) => WireOutcome;
  readonly health: () => Promise<boolean>;
  readonly ids: Pick<IdGenerator, 'requestId'>;
  readonly logger: Logger;
  readonly maxBodyBytes: number;
  /** Largest request line plus headers; larger requests are answered 431 before any handler runs. */
  readonly maxHeaderBytes: number;
  /** The client address of a request (the socket's peer, or the client behind a trusted proxy). */
  readonly clientAddress: (req: IncomingMessage) => string;
  /** PEM certificate and key: serve HTTPS. */
  readonly tls?: { readonly cert: Buffer; readonly key: Buffer } | undefined;
}

function send(res: ServerResponse, response: WireResponse): void {
  res.writeHead(response.status, { ...response.headers, 'content-length': Buffer.byteLength(response.body) });
  res.end(response.body);
}

/** Writes a whole response straight to a socket (for requests Node never hands to a request handler). */
function sendOnSocket(socket: Socket, response: WireResponse): void {
  const headers = {
    ...response.headers,
    'content-length': String(Buffer.byteLength(response.body)),
    connection: 'close',
  };
  const head = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  socket.end(
    `HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? ''}\r\n${head}\r\n${response.body}`,
  );
}

function splitUrl(url: string): { path: string; rawQuery: string } {
  const q = url.indexOf('?');
  return q < 0 ? { path: url, rawQuery: '' } : { path: url.slice(0, q), rawQuery: url.slice(q + 1) };
}

/** An akm server; `beginShutdown()` makes every further response close its connection. */
export interface AkmServer {
  readonly server: Server;
  beginShutdown(): void;
}

/** Creates (does not start) the server. */
export function createAkmServer(options: AkmServerOptions): AkmServer {
  const { logger } = options;
  let shuttingDown = false;
  const serveConsole = createConsoleAssets(DEFAULT_CONSOLE_ROOT);

  /** The request as received so far: everything but the body. */
  const unreadRequest = (req: IncomingMessage): WireRequest => ({
    method: req.method ?? 'GET',
    ...splitUrl(req.url ?? '/'),
    headers: req.headers,
    body: Buffer.alloc(0),
    remoteAddress: options.clientAddress(req),
  });

  async function route(req: IncomingMessage, requestId: string): Promise<WireOutcome> {
    const { path, rawQuery } = splitUrl(req.url ?? '/');
    if (isConsolePath(path)) {
      return { response: await serveConsole({ method: req.method ?? 'GET', path, headers: req.headers }) };
    }
    if (path === '/healthz' && (req.method === 'GET' || req.method === 'HEAD')) {
      const ok = await options.health().catch(() => false);
      const body = JSON.stringify({ status: ok ? 'ok' : 'unavailable' });
      return { response: { status: ok ? 200 : 503, headers: { 'content-type': 'application/json' }, body } };
    }
    const body = await readBody(req, options.maxBodyBytes);
    return options.rpc({ ...unreadRequest(req), path, rawQuery, body }, requestId);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const started = process.hrtime.bigint();
    const requestId = options.ids.requestId();
    let outcome: WireOutcome;
    try {
      outcome = await route(req, requestId);
    } catch (error) {
      if (!isAkmError(error))
        logger.error('request failed', {
          requestId,
          error: error instanceof Error ? error.stack : String(error),
        });
      outcome = options.renderEarlyError(error, requestId, unreadRequest(req));
      // The body was not (fully) read: close the connection rather than parse the rest as a new request.
      res.setHeader('connection', 'close');
    }
    // While draining, tell keep-alive clients to go: otherwise shutdown waits out their idle timeout.
    if (shuttingDown) res.setHeader('connection', 'close');
    send(res, outcome.response);
    logger.info('request', {
      requestId,
      method: req.method,
      path: splitUrl(req.url ?? '/').path.slice(0, 256),
      action: outcome.action?.slice(0, 128),
      accessKeyId: outcome.accessKeyId?.slice(0, 128),
      status: outcome.response.status,
      code: outcome.errorCode,
      durationMs: Number(process.hrtime.bigint() - started) / 1e6,
      remoteAddress: req.socket.remoteAddress,
    });
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => void onRequest(req, res);
  // A missing Host is the protocols' to refuse (V3 and SigV4 sign it), in their own error format; Node's
  // default answer would be a bare 400.
  const limits = { maxHeaderSize: options.maxHeaderBytes, requireHostHeader: false };
  const server = options.tls
    ? createHttpsServer({ ...limits, cert: options.tls.cert, key: options.tls.key }, handler)
    : createHttpServer(limits, handler);
  // A client may half-close its side once the request is sent. Node's default then abandons a request
  // still being answered (one waiting for its nonce's commit, say); with this (Node's own switch, not
  // in its typings) the answer is sent and the connection closed after it.
  (server as Server & { httpAllowHalfOpen: boolean }).httpAllowHalfOpen = true;

  // Malformed HTTP (bad request line, oversized headers) never reaches a handler: answer it in RAM's
  // JSON error shape instead of Node's bare status line.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => {
    if (!socket.writable || error.code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
    const body = JSON.stringify({
      RequestId: options.ids.requestId(),
      Code: tooLarge ? 'RequestHeaderFieldsTooLarge' : 'BadRequest',
      Message: tooLarge ? 'The request headers are too large.' : 'The request could not be parsed.',
    });
    const status = tooLarge ? 431 : 400;
    sendOnSocket(socket, { status, headers: { 'content-type': 'application/json;charset=utf-8' }, body });
  });
  // CONNECT never reaches the request handler, and Node drops the connection silently without a
  // listener: answer it as the unknown API it is.
  server.on('connect', (req: IncomingMessage, socket: Socket) => {
    const requestId = options.ids.requestId();
    const outcome = options.renderEarlyError(new AkmError('UNKNOWN_ACTION'), requestId, unreadRequest(req));
    sendOnSocket(socket, outcome.response);
    logger.info('request', {
      requestId,
      method: req.method,
      status: outcome.response.status,
      code: outcome.errorCode,
    });
  });
  return {
    server,
    beginShutdown() {
      shuttingDown = true;
    },
  };
}
