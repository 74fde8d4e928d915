// An example service protected by akm: every request must be signed with an akm AccessKey (by the
// Alibaba Cloud SDKs, the AWS SDK's SigV4 signer, or any client that signs the same way). The service
// asks akm to verify each one through `akm/verify` and greets the principal behind it.
//
//   AKM_ENDPOINT=http://127.0.0.1:8080 AKM_ACCESS_KEY_ID=… AKM_ACCESS_KEY_SECRET=… node examples/verified-service/server.js
//
// The key must belong to the account root or to a user holding the AkmVerifyAccess policy.

import { createServer } from 'node:http';
import { pathToFileURL } from 'node:url';
import { AkmVerifier } from 'akm/verify';

/**
 * Starts the example service.
 *
 * @param {{ endpoint: string, accessKeyId: string, accessKeySecret: string, service?: string, port?: number, host?: string }} options
 * @returns {Promise<{ url: string, close: () => Promise<void> }>}
 */
export async function startVerifiedService(options) {
  const verifier = new AkmVerifier({
    endpoint: options.endpoint,
    accessKeyId: options.accessKeyId,
    accessKeySecret: options.accessKeySecret,
    service: options.service ?? 'greeter',
    onError: (error) => console.error(`akm verification unavailable: ${error.code} ${error.message}`),
  });
  const server = createServer(async (req, res) => {
    const principal = await verifier.authenticate(req, res);
    if (!principal) return; // refused: already answered in the client's own error format
    const who = principal.type === 'Root' ? `the root of account ${principal.accountId}` : principal.userName;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        RequestId: crypto.randomUUID(),
        Message: `hello ${who}`,
        Principal: principal,
        BodyBytes: req.rawBody?.length ?? 0,
      }),
    );
  });
  await new Promise((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const address = server.address();
  return {
    url: `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    async close() {
      verifier.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { url } = await startVerifiedService({
    endpoint: process.env.AKM_ENDPOINT ?? 'http://127.0.0.1:8080',
    accessKeyId: process.env.AKM_ACCESS_KEY_ID ?? '',
    accessKeySecret: process.env.AKM_ACCESS_KEY_SECRET ?? '',
    port: Number(process.env.PORT ?? 8090),
  });
  console.log(`example service listening on ${url}`);
}
