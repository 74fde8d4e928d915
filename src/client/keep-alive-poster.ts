/**
 * HTTP plumbing shared by akm's own clients (the CLI's RAM API client and the akm/verify middleware):
 * POSTs over kept-alive connections to one endpoint, with a silence timeout and a bound on the answer.
 * Each client words failures its own way; this module only reports what happened.
 */
import { Agent as HttpAgent, request as httpRequest, type IncomingMessage } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';

/** How to reach the endpoint. */
export interface KeepAlivePosterOptions {
  /** `http://host:port` or `https://host:port`. */
  readonly endpoint: URL;
  /** PEM certificates to trust for https, in addition to Node's store. */
  readonly ca?: string | undefined;
  /** Most connections open at once (further calls queue). */
  readonly maxSockets: number;
  /** Longest silence on a connection before the call fails with {@link SilenceTimeout}. */
  readonly timeoutMs: number;
  /** The largest answer read; a larger one fails the call. */
  readonly maxAnswerBytes: number;
}

/** No answer came within the timeout. */
export class SilenceTimeout extends Error {
  override readonly name = 'SilenceTimeout';

  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

/** An HTTP answer: status and body text. */
export interface HttpAnswer {
  readonly status: number;
  readonly text: string;
}

/** POSTs to one endpoint over kept-alive connections. Call {@link KeepAlivePoster.close} when done. */
export class KeepAlivePoster {
  readonly #agent: HttpAgent;
  readonly #send: typeof httpRequest;

  constructor(private readonly options: KeepAlivePosterOptions) {
    const https = options.endpoint.protocol === 'https:';
    const agentOptions = { keepAlive: true, maxSockets: options.maxSockets };
    this.#agent = https
      ? new HttpsAgent({ ...agentOptions, ...(options.ca === undefined ? {} : { ca: options.ca }) })
      : new HttpAgent(agentOptions);
    this.#send = https ? httpsRequest : httpRequest;
  }

  /** POSTs `body` (none when absent) to `path`; rejects with the transport error or {@link SilenceTimeout}. */
  post(path: string, headers: Readonly<Record<string, string>>, body?: string): Promise<HttpAnswer> {
    const { endpoint, timeoutMs, maxAnswerBytes } = this.options;
    return new Promise((resolve, reject) => {
      const request = this.#send(
        {
          agent: this.#agent,
          method: 'POST',
          protocol: endpoint.protocol,
          hostname: endpoint.hostname.replace(/^\[|\]$/g, ''),
          port: endpoint.port,
          path,
          headers,
        },
        (response: IncomingMessage) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > maxAnswerBytes) response.destroy(new Error('answer too large'));
            else chunks.push(chunk);
          });
          response.on('end', () =>
            resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
          );
          response.on('error', reject);
        },
      );
      request.setTimeout(timeoutMs, () => request.destroy(new SilenceTimeout(timeoutMs)));
      request.on('error', reject);
      request.end(body);
    });
  }

  /** Closes the kept-alive connections, so the process can exit. */
  close(): void {
    this.#agent.destroy();
  }
}
