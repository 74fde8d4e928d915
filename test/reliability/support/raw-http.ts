/**
 * Exchanges raw bytes with a server over one TCP connection: what the fuzzer sends cannot always be
 * expressed through node:http (broken request lines, invalid header bytes, lying Content-Length).
 */
import { connect } from 'node:net';

/** A parsed HTTP/1.1 response. */
export interface RawHttpResponse {
  readonly status: number;
  /** Header names lower-cased; a repeated header keeps its last value. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
}

/** How one exchange ended. */
export type Exchange =
  | { readonly kind: 'response'; readonly response: RawHttpResponse }
  | { readonly kind: 'closed'; readonly received: Buffer }
  | { readonly kind: 'timeout' };

function parseResponse(data: Buffer): RawHttpResponse | undefined {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine = '', ...lines] = data.subarray(0, end).toString('latin1').split('\r\n');
  const match = /^HTTP\/1\.[01] (\d{3})/.exec(statusLine);
  if (!match?.[1]) return undefined;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const length = Number(headers['content-length'] ?? Number.NaN);
  const body = data.subarray(end + 4);
  if (Number.isFinite(length) && body.length < length) return undefined;
  return {
    status: Number(match[1]),
    headers,
    body: Number.isFinite(length) ? body.subarray(0, length) : body,
  };
}

/**
 * Sends `bytes` (closing our side afterwards when `halfClose`), and resolves with the first complete
 * response, or how the connection ended without one.
 */
export function exchangeRaw(
  port: number,
  bytes: Buffer,
  options: { readonly halfClose?: boolean; readonly timeoutMs?: number; readonly localAddress?: string } = {},
): Promise<Exchange> {
  return new Promise((resolve) => {
    const socket = connect({
      host: '127.0.0.1',
      port,
      ...(options.localAddress ? { localAddress: options.localAddress } : {}),
    });
    let received = Buffer.alloc(0);
    let settled = false;
    const settle = (exchange: Exchange) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(exchange);
    };
    const timer = setTimeout(() => settle({ kind: 'timeout' }), options.timeoutMs ?? 20_000);
    socket.on('connect', () => {
      // The server may answer (and close) before reading everything; a write error then is expected.
      socket.write(bytes, () => {
        if (options.halfClose) socket.end();
      });
    });
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const response = parseResponse(received);
      if (response) settle({ kind: 'response', response });
    });
    socket.on('error', () => settle({ kind: 'closed', received }));
    socket.on('close', () => settle({ kind: 'closed', received }));
  });
}
