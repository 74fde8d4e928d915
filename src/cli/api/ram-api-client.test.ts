// The CLI's RAM client against a scripted local server: the request it sends (what the official SDK
// sends: POST / with the parameters in the query, ACS3 signature), keep-alive, and how answers become
// results, ApiError or EndpointError.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { getUserOperation, listUsersOperation } from '../../protocol/operations/user-operations.js';
import { signAcsV3Request } from '../../signing/client-sign.js';
import { ApiError, EndpointError } from './api-errors.js';
import { interpretAnswer, RamApiClient } from './ram-api-client.js';

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

type Reply = (res: ServerResponse) => void;

const json =
  (status: number, body: unknown): Reply =>
  (res) => {
    res.writeHead(status, { 'content-type': 'application/json;charset=utf-8' }).end(JSON.stringify(body));
  };

describe('RamApiClient', () => {
  let server: Server | undefined;
  let client: RamApiClient | undefined;

  afterEach(async () => {
    client?.close();
    await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
    server = undefined;
  });

  /** Serves `replies` in turn, recording each request and counting connections. */
  async function serve(...replies: Reply[]) {
    const seen: Seen[] = [];
    let connections = 0;
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => {
        body += chunk.toString();
      });
      req.on('end', () => {
        seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
        replies.shift()?.(res);
      });
    });
    server.on('connection', () => connections++);
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new RamApiClient({
      endpoint: new URL(`http://127.0.0.1:${port}`),
      accessKeyId: 'LTAIexample',
      accessKeySecret: 'secret',
      timeoutMs: 200,
    });
    return { seen, client, connections: () => connections, port };
  }

  it('sends POST / with RAM-named parameters in the query, no body, and a valid ACS3 signature', async () => {
    const { seen, client, port } = await serve(json(200, { RequestId: 'R', User: { UserName: 'a b(c)' } }));
    const response = await client.call(getUserOperation, { userName: 'a b(c)' });
    expect(response).toEqual({ RequestId: 'R', User: { UserName: 'a b(c)' } });

    const request = seen[0];
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe('/?UserName=a%20b%28c%29');
    expect(request?.body).toBe('');
    expect(request?.headers['content-length']).toBe('0');
    expect(request?.headers['content-type']).toBeUndefined();
    expect(request?.headers.host).toBe(`127.0.0.1:${port}`);
    expect(request?.headers['x-acs-action']).toBe('GetUser');
    expect(request?.headers['x-acs-version']).toBe('2015-05-01');
    // Re-signing with the same nonce and date gives the same Authorization.
    const again = signAcsV3Request({
      method: 'POST',
      host: `127.0.0.1:${port}`,
      query: { UserName: 'a b(c)' },
      action: 'GetUser',
      version: '2015-05-01',
      accessKeyId: 'LTAIexample',
      secret: 'secret',
      nonce: String(request?.headers['x-acs-signature-nonce']),
      date: new Date(String(request?.headers['x-acs-date'])),
    });
    expect(request?.headers.authorization).toBe(again.authorization);
    expect(again.authorization).toMatch(
      /^ACS3-HMAC-SHA256 Credential=LTAIexample,SignedHeaders=host;x-acs-action;/,
    );
  });

  it('leaves out undefined parameters and reuses one connection for several calls', async () => {
    const ok = json(200, { RequestId: 'R' });
    const { seen, client, connections } = await serve(ok, ok, ok);
    await client.call(listUsersOperation, { marker: undefined, maxItems: '5' });
    await client.call(listUsersOperation, {});
    await client.call(listUsersOperation, { marker: 'm' });
    expect(seen.map((s) => s.url)).toEqual(['/?MaxItems=5', '/', '/?Marker=m']);
    expect(connections()).toBe(1);
  });

  it('refuses a parameter the operation does not declare (a bug, never sent)', async () => {
    const { seen, client } = await serve();
    await expect(client.call(getUserOperation, { bogus: 'x' })).rejects.toThrow('GetUser has no input bogus');
    expect(seen).toEqual([]);
  });

  it('turns a RAM error response into an ApiError', async () => {
    const { client } = await serve(
      json(404, {
        RequestId: 'REQ-1',
        HostId: 'h',
        Code: 'EntityNotExist.User',
        Message: 'The user does not exist.',
      }),
    );
    const error = await client.call(getUserOperation, { userName: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({
      code: 'EntityNotExist.User',
      apiMessage: 'The user does not exist.',
      status: 404,
      requestId: 'REQ-1',
      message: 'EntityNotExist.User: The user does not exist. (request id REQ-1)',
    });
  });

  it('fails with EndpointError when nothing answers in time', async () => {
    const { client } = await serve(() => undefined);
    await expect(client.call(listUsersOperation)).rejects.toThrow(
      /no answer from http:\/\/127\.0\.0\.1:\d+ within 0\.2 s/,
    );
  });

  it('fails with EndpointError when nothing listens', async () => {
    const { port } = await serve();
    await new Promise((resolve) => server?.close(resolve));
    server = undefined;
    const closed = new RamApiClient({
      endpoint: new URL(`http://127.0.0.1:${port}`),
      accessKeyId: 'a',
      accessKeySecret: 's',
    });
    try {
      await expect(closed.call(listUsersOperation)).rejects.toThrow(
        /cannot reach http:\/\/127\.0\.0\.1:\d+: .*ECONNREFUSED/,
      );
    } finally {
      closed.close();
    }
  });
});

describe('interpretAnswer', () => {
  const origin = 'http://akm:1';

  it('returns a 2xx JSON object', () => {
    expect(interpretAnswer(200, '{"RequestId":"R"}', origin)).toEqual({ RequestId: 'R' });
  });

  it.each([
    [200, 'not json', /did not answer like the RAM API \(HTTP 200: not json\)/],
    [200, '[1,2]', /HTTP 200: \[1,2\]/],
    [502, '<html>Bad gateway</html>', /HTTP 502: <html>Bad gateway<\/html>/],
    [500, '{"message":"no code"}', /HTTP 500/],
    [404, '', /HTTP 404\)$/],
  ])('a %i answer %j is an EndpointError', (status, body, message) => {
    expect(() => interpretAnswer(status, body, origin)).toThrow(EndpointError);
    expect(() => interpretAnswer(status, body, origin)).toThrow(message);
  });

  it('makes one line of a multi-line or escape-laden message', () => {
    const body = JSON.stringify({ Code: 'X', Message: 'a\nb\u001b[31m', RequestId: 'R' });
    expect(() => interpretAnswer(400, body, origin)).toThrow('X: a b [31m (request id R)');
  });
});
