// The credentials file: parsing (comments, sections, unknown keys, errors naming the line), writing
// (round trip, other profiles kept, 0600 file in a 0700 directory) and its location under HOME.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  CredentialsFileError,
  credentialsPath,
  isExposed,
  parseCredentials,
  readCredentialsFile,
  serializeCredentials,
  writeProfile,
} from './credentials-file.js';

describe('parseCredentials', () => {
  it('reads profiles, trimming spaces, skipping blank lines and # or ; comments', () => {
    const profiles = parseCredentials(
      [
        '# written by akm configure',
        '[default]',
        'endpoint = https://akm.example:8443',
        '  access_key_id=LTAIabc  ',
        'access_key_secret = s3cr=t',
        '',
        '; another',
        '[ ops ]',
        'ca_file = /etc/akm/my ca.pem',
      ].join('\r\n'),
    );
    expect([...profiles.keys()]).toEqual(['default', 'ops']);
    expect(profiles.get('default')).toEqual({
      endpoint: 'https://akm.example:8443',
      accessKeyId: 'LTAIabc',
      accessKeySecret: 's3cr=t',
    });
    expect(profiles.get('ops')).toEqual({ caFile: '/etc/akm/my ca.pem' });
  });

  it('ignores keys it does not know, and merges a repeated section', () => {
    const profiles = parseCredentials('[a]\nregion = x\nendpoint = http://1\n[a]\naccess_key_id = K\n');
    expect(profiles.get('a')).toEqual({ endpoint: 'http://1', accessKeyId: 'K' });
  });

  it('is empty for an empty file', () => {
    expect(parseCredentials('').size).toBe(0);
  });

  it.each([
    ['endpoint = http://x\n', 'line 1: key outside any [profile]'],
    ['[default]\nendpoint\n', 'line 2: expected [profile] or key = value'],
    ['[default]\n= value\n', 'line 2: expected [profile] or key = value'],
    ['[bad name]\n', 'line 1: invalid profile name [bad name]'],
    ['[]\n', 'line 1: invalid profile name []'],
  ])('rejects %j naming the line', (text, message) => {
    expect(() => parseCredentials(text, 'creds')).toThrow(new CredentialsFileError(`creds, ${message}`));
  });
});

describe('serializeCredentials', () => {
  it('writes sections in order with only the settings present, and parses back to the same', () => {
    const profiles = new Map([
      ['default', { endpoint: 'http://127.0.0.1:8080', accessKeyId: 'LTAI1', accessKeySecret: 'S1' }],
      ['tls', { endpoint: 'https://h', accessKeyId: 'LTAI2', accessKeySecret: 'S2', caFile: '/ca.pem' }],
    ]);
    const text = serializeCredentials(profiles);
    expect(text).toBe(
      '[default]\nendpoint = http://127.0.0.1:8080\naccess_key_id = LTAI1\naccess_key_secret = S1\n\n' +
        '[tls]\nendpoint = https://h\naccess_key_id = LTAI2\naccess_key_secret = S2\nca_file = /ca.pem\n',
    );
    expect(parseCredentials(text)).toEqual(profiles);
  });
});

describe('credentials files on disk', () => {
  let home: string;
  let path: string;

  beforeEach(() => {
    home = mkdtempSync(join(tmpdir(), 'akm-creds-'));
    path = credentialsPath({ HOME: home });
  });

  afterEach(() => rmSync(home, { recursive: true, force: true }));

  it('lives at $HOME/.akm/credentials', () => {
    expect(path).toBe(join(home, '.akm', 'credentials'));
  });

  it('reads a missing file as no profiles', () => {
    expect(readCredentialsFile(path).size).toBe(0);
  });

  it('writes a 0600 file in a 0700 directory, replacing one profile and keeping the others', () => {
    writeProfile(path, 'default', { endpoint: 'http://a', accessKeyId: 'A', accessKeySecret: 'SA' });
    writeProfile(path, 'other', { endpoint: 'http://b', accessKeyId: 'B', accessKeySecret: 'SB' });
    writeProfile(path, 'default', { endpoint: 'http://c', accessKeyId: 'C', accessKeySecret: 'SC' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, '.akm')).mode & 0o777).toBe(0o700);
    expect(isExposed(path)).toBe(false);
    expect(Object.fromEntries(readCredentialsFile(path))).toEqual({
      default: { endpoint: 'http://c', accessKeyId: 'C', accessKeySecret: 'SC' },
      other: { endpoint: 'http://b', accessKeyId: 'B', accessKeySecret: 'SB' },
    });
  });

  it('tightens a directory and a file that were too open', () => {
    mkdirSync(join(home, '.akm'), { mode: 0o755 });
    writeFileSync(path, '[default]\n', { mode: 0o644 });
    expect(isExposed(path)).toBe(true);
    writeProfile(path, 'default', { endpoint: 'http://a', accessKeyId: 'A', accessKeySecret: 'S' });
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(statSync(join(home, '.akm')).mode & 0o777).toBe(0o700);
    expect(readFileSync(path, 'utf8')).toContain('access_key_secret = S\n');
  });
});
