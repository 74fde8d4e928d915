// Where an API command's endpoint, key pair and CA come from: flag, environment, profile, in that order,
// except that an explicit --profile beats environment credentials.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakeIo } from '../cli-io-test-support.js';
import { UsageError } from '../command.js';
import { credentialsPath, writeProfile } from './credentials-file.js';
import { parseEndpoint, resolveApiTarget } from './resolve-api-target.js';

describe('parseEndpoint', () => {
  it.each(['http://127.0.0.1:8080', 'https://akm.example', 'http://[::1]:9000/'])('accepts %s', (text) => {
    expect(parseEndpoint(text).href.startsWith(text.replace(/\/$/, ''))).toBe(true);
  });

  it.each(['127.0.0.1:8080', 'ftp://x', 'http://x/?a=1', 'http://x/#f', 'http://u:p@x', 'not a url', ''])(
    'rejects %j',
    (text) => {
      expect(() => parseEndpoint(text)).toThrow(UsageError);
    },
  );
});

describe('resolveApiTarget', () => {
  let home: string;
  const envKeys = { AKM_ACCESS_KEY_ID: 'ENVID', AKM_ACCESS_KEY_SECRET: 'ENVSECRET' };

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'akm-target-'));
    const path = credentialsPath({ HOME: home });
    writeProfile(path, 'default', {
      endpoint: 'http://default:1',
      accessKeyId: 'DID',
      accessKeySecret: 'DS',
    });
    writeProfile(path, 'ops', { endpoint: 'https://ops:2', accessKeyId: 'OID', accessKeySecret: 'OS' });
  });

  afterEach(() => rmSync(home, { recursive: true, force: true }));

  const resolve = (values: Record<string, string>, env: Record<string, string> = {}) =>
    resolveApiTarget(values, fakeIo({ HOME: home, ...env }));

  it('uses the default profile when nothing else is given', () => {
    const target = resolve({});
    expect([target.endpoint.href, target.accessKeyId, target.accessKeySecret]).toEqual([
      'http://default:1/',
      'DID',
      'DS',
    ]);
  });

  it('prefers environment credentials to the default profile, keeping its endpoint', () => {
    const target = resolve({}, envKeys);
    expect([target.endpoint.href, target.accessKeyId, target.accessKeySecret]).toEqual([
      'http://default:1/',
      'ENVID',
      'ENVSECRET',
    ]);
  });

  it('lets an explicit --profile (or AKM_PROFILE for the profile) choose', () => {
    expect(resolve({ profile: 'ops' }, envKeys).accessKeyId).toBe('OID');
    expect(resolve({}, { AKM_PROFILE: 'ops' }).accessKeyId).toBe('OID');
    expect(resolve({}, { AKM_PROFILE: 'ops', ...envKeys }).accessKeyId).toBe('ENVID');
  });

  it('takes the endpoint from --endpoint, else AKM_ENDPOINT, else the profile', () => {
    expect(resolve({ endpoint: 'http://flag:3' }, { AKM_ENDPOINT: 'http://env:4' }).endpoint.host).toBe(
      'flag:3',
    );
    expect(resolve({}, { AKM_ENDPOINT: 'http://env:4' }).endpoint.host).toBe('env:4');
  });

  it('reads the CA file named by --ca, AKM_CA_FILE or the profile', () => {
    const ca = join(home, 'ca.pem');
    writeFileSync(ca, 'PEM');
    expect(resolve({ ca }).ca).toBe('PEM');
    expect(resolve({}, { AKM_CA_FILE: ca }).ca).toBe('PEM');
    writeProfile(credentialsPath({ HOME: home }), 'default', {
      endpoint: 'https://d',
      accessKeyId: 'D',
      accessKeySecret: 'S',
      caFile: ca,
    });
    expect(resolve({}).ca).toBe('PEM');
    expect(resolve({ profile: 'ops' }).ca).toBeUndefined();
  });

  it.each([
    [{ profile: 'missing' }, {}, /no profile \[missing\]/],
    [{}, { AKM_PROFILE: 'missing' }, /no profile \[missing\]/],
    [{}, { AKM_ACCESS_KEY_ID: 'only' }, /set both AKM_ACCESS_KEY_ID and AKM_ACCESS_KEY_SECRET/],
    [{}, { AKM_ACCESS_KEY_SECRET: 'only' }, /set both/],
    [{ ca: '/nonexistent' }, {}, /cannot read the CA file \/nonexistent: ENOENT/],
  ])('fails with a usage error for %j %j', (values, env, message) => {
    expect(() => resolve(values, env)).toThrow(message);
    expect(() => resolve(values, env)).toThrow(UsageError);
  });

  it('asks for an endpoint and credentials when there is no file at all', () => {
    const io = fakeIo({ HOME: join(home, 'empty') });
    expect(() => resolveApiTarget({}, io)).toThrow(/no endpoint/);
    expect(() => resolveApiTarget({ endpoint: 'http://x' }, io)).toThrow(/no credentials/);
    expect(
      resolveApiTarget({ endpoint: 'http://x' }, fakeIo({ HOME: join(home, 'empty'), ...envKeys }))
        .accessKeyId,
    ).toBe('ENVID');
  });
});
