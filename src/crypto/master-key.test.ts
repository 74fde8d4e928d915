// The master key file: created 0600 and never overwritten; the environment value wins; bad values rejected;
// the `.next` key of a rotation seals while both open.

import { mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MasterKeySource, MasterKeys } from './keyring-secret-box.js';
import {
  createMasterKeyFile,
  decodeMasterKey,
  keyFileSource,
  MASTER_KEY_FILE,
  masterKeySource,
  nextKeyPath,
} from './master-key.js';

const KEY_A = Buffer.alloc(32, 0xa1);
const KEY_B = Buffer.alloc(32, 0xb2);

let dataDir = '';

/** What the configured source yields: its keys, or undefined when there is no source. */
function loadMasterKey(path: string, explicit: string | undefined): Uint8Array | undefined {
  return masterKeySource(path, explicit)?.load().sealing;
}

function loaded(source: MasterKeySource | undefined): MasterKeys | undefined {
  return source?.load();
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'akm-master-key-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('createMasterKeyFile', () => {
  it('writes 32 random bytes as base64 with mode 0600 and returns them', () => {
    const key = createMasterKeyFile(join(dataDir, MASTER_KEY_FILE));
    const path = join(dataDir, MASTER_KEY_FILE);
    expect(key).toHaveLength(32);
    expect(statSync(path).mode & 0o777).toBe(0o600);
    expect(readFileSync(path, 'utf8')).toBe(`${key.toString('base64')}\n`);
    expect(loadMasterKey(join(dataDir, MASTER_KEY_FILE), undefined)).toEqual(key);
  });

  it('refuses to overwrite an existing key and leaves it intact', () => {
    const first = createMasterKeyFile(join(dataDir, MASTER_KEY_FILE));
    expect(() => createMasterKeyFile(join(dataDir, MASTER_KEY_FILE))).toThrow(/EEXIST/);
    expect(loadMasterKey(join(dataDir, MASTER_KEY_FILE), undefined)).toEqual(first);
  });

  it('does not create the data dir', () => {
    expect(() => createMasterKeyFile(join(join(dataDir, 'missing'), MASTER_KEY_FILE))).toThrow(/ENOENT/);
  });
});

describe('masterKeySource', () => {
  it('returns undefined when there is neither a value nor a file', () => {
    expect(loadMasterKey(join(dataDir, MASTER_KEY_FILE), undefined)).toBeUndefined();
  });

  it('reads <dataDir>/master.key', () => {
    writeFileSync(join(dataDir, MASTER_KEY_FILE), `${KEY_A.toString('base64')}\n`);
    expect(loadMasterKey(join(dataDir, MASTER_KEY_FILE), undefined)).toEqual(KEY_A);
  });

  it('prefers the explicit (environment) value over the file', () => {
    writeFileSync(join(dataDir, MASTER_KEY_FILE), KEY_A.toString('base64'));
    expect(loadMasterKey(join(dataDir, MASTER_KEY_FILE), KEY_B.toString('base64'))).toEqual(KEY_B);
  });

  it('uses the explicit value when there is no file', () => {
    expect(loadMasterKey(join(dataDir, MASTER_KEY_FILE), KEY_B.toString('base64'))).toEqual(KEY_B);
  });

  it('treats an empty explicit value as unset', () => {
    writeFileSync(join(dataDir, MASTER_KEY_FILE), KEY_A.toString('base64'));
    expect(loadMasterKey(join(dataDir, MASTER_KEY_FILE), '')).toEqual(KEY_A);
  });

  it('names AKM_MASTER_KEY when the explicit value is bad, even if the file is good', () => {
    writeFileSync(join(dataDir, MASTER_KEY_FILE), KEY_A.toString('base64'));
    expect(() => loadMasterKey(join(dataDir, MASTER_KEY_FILE), 'c2hvcnQ=')).toThrow(
      /^AKM_MASTER_KEY: master key must be 32 bytes/,
    );
  });

  it('names the file when its content is bad', () => {
    const path = join(dataDir, MASTER_KEY_FILE);
    writeFileSync(path, Buffer.alloc(16).toString('base64'));
    expect(() => loadMasterKey(join(dataDir, MASTER_KEY_FILE), undefined)).toThrow(
      `${path}: master key must be 32 bytes of base64 (got 16 bytes)`,
    );
  });
});

describe('keyFileSource with a rotation under way', () => {
  const path = () => join(dataDir, MASTER_KEY_FILE);

  it('puts .next beside the key file', () => {
    expect(nextKeyPath('/srv/akm/master.key')).toBe('/srv/akm/master.key.next');
  });

  it('seals under .next and keeps the current key to open with', () => {
    writeFileSync(path(), KEY_A.toString('base64'));
    writeFileSync(nextKeyPath(path()), KEY_B.toString('base64'));
    expect(loaded(masterKeySource(path(), undefined))).toEqual({ sealing: KEY_B, others: [KEY_A] });
  });

  it('works from .next alone (the key file not yet written, or removed)', () => {
    writeFileSync(nextKeyPath(path()), KEY_B.toString('base64'));
    expect(loaded(masterKeySource(path(), undefined))).toEqual({ sealing: KEY_B, others: [] });
  });

  it('ignores the files when the environment gives the key', () => {
    writeFileSync(nextKeyPath(path()), KEY_B.toString('base64'));
    expect(loaded(masterKeySource(path(), KEY_A.toString('base64')))).toEqual({ sealing: KEY_A, others: [] });
  });

  it('changes its stamp when .next appears and when it is renamed over the key file', () => {
    const source = keyFileSource(path());
    writeFileSync(path(), KEY_A.toString('base64'));
    const before = source.stamp();
    writeFileSync(nextKeyPath(path()), KEY_B.toString('base64'));
    const during = source.stamp();
    renameSync(nextKeyPath(path()), path());
    const after = source.stamp();
    expect(new Set([before, during, after]).size).toBe(3);
    expect(source.stamp()).toBe(after);
    expect(source.load()).toEqual({ sealing: KEY_B, others: [] });
  });

  it('fails to load when both files are gone', () => {
    expect(() => keyFileSource(path()).load()).toThrow(`no master key in ${path()}`);
  });

  it('names .next when its content is bad', () => {
    writeFileSync(path(), KEY_A.toString('base64'));
    writeFileSync(nextKeyPath(path()), 'c2hvcnQ=');
    expect(() => keyFileSource(path()).load()).toThrow(`${nextKeyPath(path())}: master key must be 32 bytes`);
  });
});

describe('decodeMasterKey', () => {
  const encoded = KEY_A.toString('base64');

  it('decodes a 32-byte base64 key', () => {
    expect(decodeMasterKey(encoded, 'test')).toEqual(KEY_A);
  });

  it('ignores surrounding whitespace and a trailing newline', () => {
    expect(decodeMasterKey(`  ${encoded}\n`, 'test')).toEqual(KEY_A);
  });

  it.each([
    ['empty', '', 0],
    ['16 bytes', Buffer.alloc(16).toString('base64'), 16],
    ['31 bytes', Buffer.alloc(31).toString('base64'), 31],
    ['33 bytes', Buffer.alloc(33).toString('base64'), 33],
    ['64 bytes', Buffer.alloc(64).toString('base64'), 64],
    ['hex instead of base64', KEY_A.toString('hex'), 48],
    ['not base64 at all', 'not base64 at all!', 10],
  ])('rejects %s with a message naming the source and the size', (_, value, got) => {
    expect(() => decodeMasterKey(value, 'SOURCE')).toThrow(
      `SOURCE: master key must be 32 bytes of base64 (got ${got} bytes)`,
    );
  });

  it('rejects a typo that replaces one character with a non-base64 one', () => {
    // Node's decoder skips the stray character, leaving 31 bytes: the length check catches it.
    const typo = `${encoded.slice(0, 10)}*${encoded.slice(11)}`;
    expect(() => decodeMasterKey(typo, 'SOURCE')).toThrow(
      'SOURCE: master key must be 32 bytes of base64 (got 31 bytes)',
    );
  });
});
