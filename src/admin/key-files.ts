/**
 * Writing master key files: a new file that never replaces another, and the two file steps of a
 * rotation (claim `<file>.next`, then promote it over the key file).
 */
import { renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { nextKeyPath, readMasterKeyFile } from '../crypto/master-key.js';
import { fsyncPath, placeFile, tempPathBeside } from './place-file.js';

/** Writes `key` to the new file `path` (mode 0600), complete or not at all; EEXIST when `path` exists. */
export function writeNewKeyFile(path: string, key: Uint8Array): void {
  const temp = tempPathBeside(path);
  writeFileSync(temp, `${Buffer.from(key).toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  fsyncPath(temp);
  placeFile(temp, path, false);
}

/**
 * Writes `key` as the incoming key `<path>.next` and returns it; when another rotation got there first,
 * returns the key it wrote instead (so that two runs converge on one key).
 */
export function claimNextKeyFile(path: string, key: Buffer): Buffer {
  try {
    writeNewKeyFile(nextKeyPath(path), key);
    return key;
  } catch (error) {
    const theirs = (error as NodeJS.ErrnoException).code === 'EEXIST' && readMasterKeyFile(nextKeyPath(path));
    if (!theirs) throw error;
    return theirs;
  }
}

/**
 * Renames `<path>.next` (holding `key`) over `path`, which retires the old key file in one atomic step.
 * A missing `.next` is fine when `path` already holds `key` (another run promoted it).
 */
export function promoteNextKeyFile(path: string, key: Buffer): void {
  try {
    renameSync(nextKeyPath(path), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !readMasterKeyFile(path)?.equals(key))
      throw error;
  }
  fsyncPath(dirname(path));
}
