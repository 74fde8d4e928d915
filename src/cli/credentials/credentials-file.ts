/**
 * `~/.akm/credentials`: named profiles in an INI-like file written by `akm configure`, mode 0600 in a
 * 0700 directory.
 *
 * ```
 * [default]
 * endpoint = https://akm.example:8443
 * access_key_id = LTAI…
 * access_key_secret = …
 * ca_file = /etc/akm/ca.pem
 * ```
 */
import { chmodSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/** One profile's settings; each may be absent. */
export interface Profile {
  readonly endpoint?: string;
  readonly accessKeyId?: string;
  readonly accessKeySecret?: string;
  readonly caFile?: string;
}

/** Every profile of a file, in file order. */
export type Profiles = ReadonlyMap<string, Profile>;

/** A credentials file that cannot be read as profiles; names the line. */
export class CredentialsFileError extends Error {
  override readonly name = 'CredentialsFileError';
}

/** The file's keys and the profile fields they hold. */
const KEYS = {
  endpoint: 'endpoint',
  access_key_id: 'accessKeyId',
  access_key_secret: 'accessKeySecret',
  ca_file: 'caFile',
} as const satisfies Record<string, keyof Profile>;

type FileKey = keyof typeof KEYS;
const isFileKey = (key: string): key is FileKey => Object.hasOwn(KEYS, key);

/** Profile names: letters, digits, `.`, `_` and `-`. */
export const PROFILE_NAME = /^[A-Za-z0-9._-]{1,64}$/;

/** Where the credentials file is: `$HOME/.akm/credentials`. */
export function credentialsPath(env: Readonly<Record<string, string | undefined>>): string {
  return join(env.HOME || homedir(), '.akm', 'credentials');
}

/**
 * Parses the file's text. Blank lines and lines starting with `#` or `;` are skipped; unknown keys are
 * kept out (a newer akm may write more); anything else malformed is an error naming its line.
 */
export function parseCredentials(text: string, source = 'credentials file'): Profiles {
  const profiles = new Map<string, Record<string, string>>();
  let current: Record<string, string> | undefined;
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const where = `${source}, line ${index + 1}`;
    const section = /^\[\s*([^\]]*?)\s*\]$/.exec(line);
    if (section) {
      const name = section[1] ?? '';
      if (!PROFILE_NAME.test(name))
        throw new CredentialsFileError(`${where}: invalid profile name [${name}]`);
      current = profiles.get(name) ?? {};
      profiles.set(name, current);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) throw new CredentialsFileError(`${where}: expected [profile] or key = value`);
    if (!current) throw new CredentialsFileError(`${where}: key outside any [profile]`);
    const key = line.slice(0, eq).trim();
    if (isFileKey(key)) current[KEYS[key]] = line.slice(eq + 1).trim();
  }
  return profiles;
}

/** The file's text for these profiles; empty settings are left out. */
export function serializeCredentials(profiles: Profiles): string {
  const sections: string[] = [];
  for (const [name, profile] of profiles) {
    const lines = [`[${name}]`];
    for (const [key, field] of Object.entries(KEYS)) {
      const value = profile[field];
      if (value) lines.push(`${key} = ${value}`);
    }
    sections.push(lines.join('\n'));
  }
  return `${sections.join('\n\n')}\n`;
}

/** Reads the file's profiles; a missing file has none. */
export function readCredentialsFile(path: string): Profiles {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  return parseCredentials(text, path);
}

/** Whether others than the owner may read or write the file (then akm warns, as ssh does). */
export function isExposed(path: string): boolean {
  try {
    return (statSync(path).mode & 0o077) !== 0;
  } catch {
    return false;
  }
}

/**
 * Sets one profile, keeping the others. The directory is made 0700 and the file 0600; the file is
 * replaced by a rename, so a crash never leaves half a file and the secret is never group-readable.
 */
export function writeProfile(path: string, name: string, profile: Profile): void {
  const profiles = new Map(readCredentialsFile(path));
  profiles.set(name, profile);
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const temp = `${path}.${process.pid}.tmp`;
  // A leftover temp file of a crashed run could have other permissions: create it afresh.
  rmSync(temp, { force: true });
  writeFileSync(temp, serializeCredentials(profiles), { mode: 0o600, flag: 'wx' });
  renameSync(temp, path);
}
