// Acceptance 3: every state-changing operation of both wires appends exactly one audit event (time,
// account, actor key and principal, action, target, source IP, request id, result), found by
// LookupEvents filters; refused attempts are recorded as failures with their code.

import type { IAMClient } from '@aws-sdk/client-iam';
import * as Iam from '@aws-sdk/client-iam';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUserWithKey, sdkErrorOf, sdkRequestIdOf } from '../support/acceptance-helpers.js';
import { createOtherAccount } from '../support/acceptance-principals.js';
import { startTestServer, type TestServer } from '../support/akm-test-server.js';
import { iamClient } from '../support/aws-clients.js';
import { type Credentials, popClient, Ram, ramClient } from '../support/ram-clients.js';

let server: TestServer;
let alice: Credentials;

/** One LookupEvents call by `credentials` (the root unless told). */
async function lookup(params: Record<string, string | number> = {}, credentials?: Credentials) {
  const pop = popClient(server.url, credentials ?? server.root);
  const body = (await pop.request('LookupEvents', params)) as {
    Events: { Event: Array<Record<string, string>> };
    IsTruncated: boolean;
    Marker?: string;
  };
  return body;
}

async function eventsWithId(eventId: string): Promise<Array<Record<string, string>>> {
  return (await lookup({ MaxItems: 1000 })).Events.Event.filter((e) => e.EventId === eventId);
}

beforeAll(async () => {
  server = await startTestServer();
  alice = await createUserWithKey(ramClient(server.endpoint, server.root), 'alice');
});

afterAll(async () => {
  await server?.destroy();
});

describe('RAM wire', () => {
  it('records each write once, with its request id, actor, action, target and source', async () => {
    const root = ramClient(server.endpoint, server.root);
    const calls: Array<[string, string, () => Promise<{ body?: { requestId?: string } }>]> = [
      ['CreateUser', 'user/carol', () => root.createUser(new Ram.CreateUserRequest({ userName: 'carol' }))],
      [
        'UpdateUser',
        'user/carol',
        () => root.updateUser(new Ram.UpdateUserRequest({ userName: 'carol', newDisplayName: 'Carol' })),
      ],
      [
        'AttachPolicyToUser',
        'user/carol/policy/AliyunRAMReadOnlyAccess',
        () =>
          root.attachPolicyToUser(
            new Ram.AttachPolicyToUserRequest({
              userName: 'carol',
              policyType: 'System',
              policyName: 'AliyunRAMReadOnlyAccess',
            }),
          ),
      ],
      [
        'DetachPolicyFromUser',
        'user/carol/policy/AliyunRAMReadOnlyAccess',
        () =>
          root.detachPolicyFromUser(
            new Ram.DetachPolicyFromUserRequest({
              userName: 'carol',
              policyType: 'System',
              policyName: 'AliyunRAMReadOnlyAccess',
            }),
          ),
      ],
      [
        'SetSecurityPreference',
        'preference',
        () =>
          root.setSecurityPreference(
            new Ram.SetSecurityPreferenceRequest({ allowUserToManageAccessKeys: false }),
          ),
      ],
    ];
    for (const [action, target, call] of calls) {
      const requestId = (await call()).body?.requestId ?? '';
      const events = await eventsWithId(requestId);
      expect(events, action).toHaveLength(1);
      expect(events[0]).toMatchObject({
        EventAction: action,
        Target: target,
        ActorType: 'Root',
        ActorAccessKeyId: server.root.accessKeyId,
        SourceIp: '127.0.0.1',
        Result: 'Success',
      });
      expect(Date.parse(String(events[0]?.EventTime))).toBeGreaterThan(0);
    }
  });

  it('records the created key as the target of CreateAccessKey, and its update and deletion', async () => {
    const root = ramClient(server.endpoint, server.root);
    const created = await root.createAccessKey(new Ram.CreateAccessKeyRequest({ userName: 'carol' }));
    const keyId = created.body?.accessKey?.accessKeyId ?? '';
    const updated = await root.updateAccessKey(
      new Ram.UpdateAccessKeyRequest({ userName: 'carol', userAccessKeyId: keyId, status: 'Inactive' }),
    );
    const deleted = await root.deleteAccessKey(
      new Ram.DeleteAccessKeyRequest({ userName: 'carol', userAccessKeyId: keyId }),
    );
    for (const [response, action] of [
      [created, 'CreateAccessKey'],
      [updated, 'UpdateAccessKey'],
      [deleted, 'DeleteAccessKey'],
    ] as const) {
      const events = await eventsWithId(response.body?.requestId ?? '');
      expect(events.map((e) => [e.EventAction, e.Target])).toEqual([
        [action, `user/carol/accesskey/${keyId}`],
      ]);
    }
    const secretless = JSON.stringify(await lookup({ MaxItems: 1000 }));
    expect(secretless).not.toContain(created.body?.accessKey?.accessKeySecret ?? 'no secret');
  });

  it('records a refused attempt (NoPermission) and bad input as failures', async () => {
    const asAlice = ramClient(server.endpoint, alice);
    const refused = await asAlice
      .createUser(new Ram.CreateUserRequest({ userName: 'mallory' }))
      .catch((e: unknown) => e);
    expect(sdkErrorOf(refused).code).toBe('NoPermission');
    const root = ramClient(server.endpoint, server.root);
    const invalid = await root
      .createUser(new Ram.CreateUserRequest({ userName: 'bad name' }))
      .catch((e: unknown) => e);
    expect(sdkErrorOf(invalid).code).toBe('InvalidParameter.UserName.InvalidChars');
    const [denied] = await eventsWithId(sdkRequestIdOf(refused));
    expect(denied).toMatchObject({
      EventAction: 'CreateUser',
      Target: 'user/mallory',
      ActorType: 'User',
      ActorUserName: 'alice',
      ActorAccessKeyId: alice.accessKeyId,
      Result: 'Failure',
      ErrorCode: 'NO_PERMISSION',
    });
    const [bad] = await eventsWithId(sdkRequestIdOf(invalid));
    expect(bad).toMatchObject({ EventAction: 'CreateUser', Result: 'Failure', ErrorCode: 'INVALID_CHARS' });
  });

  it('does not record reads', async () => {
    const root = ramClient(server.endpoint, server.root);
    const listed = await root.listUsers(new Ram.ListUsersRequest({}));
    expect(await eventsWithId(listed.body?.requestId ?? '')).toEqual([]);
  });
});

describe('IAM wire', () => {
  it('records each write once, under the same action names and targets', async () => {
    const iam: IAMClient = iamClient(server, server.root);
    const ids = async (call: Promise<{ $metadata: { requestId?: string } }>) =>
      (await call).$metadata.requestId ?? '';
    const created = await iam.send(new Iam.CreateAccessKeyCommand({ UserName: 'alice' }));
    const keyId = created.AccessKey?.AccessKeyId ?? '';
    const expected: Array<[string, string, string]> = [
      [
        await ids(iam.send(new Iam.CreateUserCommand({ UserName: 'dave', Path: '/ops/' }))),
        'CreateUser',
        'user/dave',
      ],
      [created.$metadata.requestId ?? '', 'CreateAccessKey', `user/alice/accesskey/${keyId}`],
      [
        await ids(
          iam.send(
            new Iam.UpdateAccessKeyCommand({ UserName: 'alice', AccessKeyId: keyId, Status: 'Inactive' }),
          ),
        ),
        'UpdateAccessKey',
        `user/alice/accesskey/${keyId}`,
      ],
      [
        await ids(iam.send(new Iam.DeleteAccessKeyCommand({ UserName: 'alice', AccessKeyId: keyId }))),
        'DeleteAccessKey',
        `user/alice/accesskey/${keyId}`,
      ],
      [
        await ids(iam.send(new Iam.UpdateUserCommand({ UserName: 'dave', NewPath: '/dev/' }))),
        'UpdateUser',
        'user/dave',
      ],
      [await ids(iam.send(new Iam.DeleteUserCommand({ UserName: 'dave' }))), 'DeleteUser', 'user/dave'],
    ];
    for (const [requestId, action, target] of expected) {
      const events = await eventsWithId(requestId);
      expect(events.map((e) => [e.EventAction, e.Target, e.Result])).toEqual([[action, target, 'Success']]);
    }
  });

  it('records an IAM AccessDenied as a NO_PERMISSION failure', async () => {
    const iam = iamClient(server, alice);
    const error = await iam.send(new Iam.CreateUserCommand({ UserName: 'eve' })).catch((e: unknown) => e);
    const requestId = (error as { $metadata?: { requestId?: string } }).$metadata?.requestId ?? '';
    expect((await eventsWithId(requestId)).map((e) => e.ErrorCode)).toEqual(['NO_PERMISSION']);
  });
});

describe('LookupEvents', () => {
  it('filters by actor, action, target subtree and time, and pages newest first', async () => {
    const byAlice = await lookup({ Actor: 'alice', MaxItems: 100 });
    expect(byAlice.Events.Event.length).toBeGreaterThan(0);
    expect(byAlice.Events.Event.every((e) => e.ActorUserName === 'alice')).toBe(true);
    const creations = await lookup({ EventAction: 'CreateUser', MaxItems: 100 });
    expect(new Set(creations.Events.Event.map((e) => e.EventAction))).toEqual(new Set(['CreateUser']));
    const carol = await lookup({ Target: 'user/carol', MaxItems: 100 });
    expect(
      carol.Events.Event.every((e) => e.Target === 'user/carol' || e.Target?.startsWith('user/carol/')),
    ).toBe(true);
    expect(carol.Events.Event.some((e) => e.Target?.includes('/accesskey/'))).toBe(true);
    expect((await lookup({ StartTime: '2999-01-01T00:00:00Z' })).Events.Event).toEqual([]);

    const first = await lookup({ MaxItems: 2 });
    expect(first.IsTruncated).toBe(true);
    const second = await lookup({ MaxItems: 2, Marker: first.Marker ?? '' });
    const times = [...first.Events.Event, ...second.Events.Event].map((e) => Date.parse(String(e.EventTime)));
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set([...first.Events.Event, ...second.Events.Event].map((e) => e.EventId)).size).toBe(4);
  });

  it("shows an account only its own events, starting with the operator's CreateAccount", async () => {
    const other = await createOtherAccount(server);
    const events = (await lookup({}, other)).Events.Event;
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      EventAction: 'CreateAccount',
      ActorType: 'Operator',
      Target: `account/${other.accountId}`,
      Result: 'Success',
    });
  });

  it('is refused to a user without a read policy', async () => {
    const error = await popClient(server.url, alice)
      .request('LookupEvents', {})
      .catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('NoPermission');
  });
});
