import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './support/akm-test-server.js';
import { popClient, Ram, ramClient } from './support/ram-clients.js';

describe('test harness', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server.destroy();
  });

  it('serves the official V3 client and pop-core', async () => {
    const client = ramClient(server.endpoint, server.root);
    const created = await client.createUser(new Ram.CreateUserRequest({ userName: 'smoke' }));
    expect(created.body?.user?.userName).toBe('smoke');
    const pop = popClient(server.url, server.root);
    const listed = (await pop.request('ListUsers', {})) as { Users: { User: Array<{ UserName: string }> } };
    expect(listed.Users.User.map((u) => u.UserName)).toEqual(['smoke']);
  });
});
