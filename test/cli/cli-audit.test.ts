/** `akm audit` through the built binary: the audit log with its filters and paging, both output modes. */
import { beforeAll, describe, expect, it } from 'vitest';
import {
  at,
  expectApiError,
  expectUsageError,
  type KeyPair,
  okJson,
  okTable,
  type Printed,
  tableCells,
  useCliSuite,
} from './cli-harness.js';

describe('akm audit', () => {
  const suite = useCliSuite();
  let erin: KeyPair;

  beforeAll(async () => {
    erin = await suite.createUserWithKey('erin');
    expectApiError(await suite.as(erin, 'user', 'create', '--user', 'frank'), 'NoPermission');
  });

  it('lists the events newest first, with who did what to what, in JSON', async () => {
    const events = at(okJson(await suite.asRoot('audit')), 'Events', 'Event') as Printed[];
    expect(events.map((e) => [e.EventAction, e.Target, e.Result])).toEqual([
      ['CreateUser', 'user/frank', 'Failure'],
      ['CreateAccessKey', `user/erin/accesskey/${erin.accessKeyId}`, 'Success'],
      ['CreateUser', 'user/erin', 'Success'],
      ['CreateAccount', `account/${suite.server.root.accountId}`, 'Success'],
    ]);
    expect(events[0]).toMatchObject({
      ActorUserName: 'erin',
      ErrorCode: 'NO_PERMISSION',
      SourceIp: '127.0.0.1',
    });
  });

  it('filters by actor, action and target, and draws a table', async () => {
    const byErin = at(okJson(await suite.asRoot('audit', '--actor', erin.accessKeyId)), 'Events', 'Event');
    expect((byErin as Printed[]).map((e) => e.Target)).toEqual(['user/frank']);
    const keys = at(okJson(await suite.asRoot('audit', '--target', 'user/erin')), 'Events', 'Event');
    expect((keys as Printed[]).map((e) => e.EventAction)).toEqual(['CreateAccessKey', 'CreateUser']);
    const table = tableCells(okTable(await suite.asRoot('audit', '--action', 'CreateUser', '-o', 'table')));
    expect(table[0]).toEqual([
      'EventTime',
      'EventAction',
      'Result',
      'ErrorCode',
      'ActorUserName',
      'ActorAccessKeyId',
      'Target',
      'SourceIp',
    ]);
    expect(table).toHaveLength(3);
  });

  it('pages with --max-items, naming the next --marker on stderr for tables', async () => {
    const first = await suite.asRoot('audit', '--max-items', '1', '-o', 'table');
    expect(first.code).toBe(0);
    const marker = /--marker (\S+)/.exec(first.stderr)?.[1] ?? '';
    const second = okJson(await suite.asRoot('audit', '--max-items', '1', '--marker', marker));
    expect(at(second, 'Events', 'Event', 0, 'EventAction')).toBe('CreateAccessKey');
  });

  it('refuses --marker without --max-items, and a malformed time', async () => {
    expectUsageError(await suite.asRoot('audit', '--marker', 'x'), /--marker needs --max-items/);
    expectApiError(await suite.asRoot('audit', '--start', 'yesterday'), 'InvalidParameter.StartTime');
  });
});
