/**
 * What the reliability suite keeps for its final secrets scan (test/reliability/secrets.test.ts): every
 * secret issued, every server log, every error body, and every data dir, under test-output/reliability/.
 * global-setup.ts empties it before each run.
 */
import { appendFileSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The evidence folder of the current run. */
export const EVIDENCE_DIR = fileURLToPath(new URL('../../../test-output/reliability/', import.meta.url));

const SECRETS_FILE = join(EVIDENCE_DIR, 'secrets.txt');
const BODIES_FILE = join(EVIDENCE_DIR, 'error-bodies.txt');
const LOGS_DIR = join(EVIDENCE_DIR, 'logs');
const DATA_DIR = join(EVIDENCE_DIR, 'data');

/** Notes secrets the suite was issued (root keys, CreateAccessKey responses). */
export function recordSecrets(secrets: readonly string[]): void {
  mkdirSync(EVIDENCE_DIR, { recursive: true });
  if (secrets.length > 0) appendFileSync(SECRETS_FILE, `${secrets.join('\n')}\n`);
}

/** Notes error response bodies the suite received. */
export function recordErrorBodies(bodies: readonly string[]): void {
  mkdirSync(EVIDENCE_DIR, { recursive: true });
  if (bodies.length > 0) appendFileSync(BODIES_FILE, `${bodies.join('\n')}\n`);
}

/** A file for one server's log lines. */
export function logPath(name: string): string {
  mkdirSync(LOGS_DIR, { recursive: true });
  return join(LOGS_DIR, `${name}.log`);
}

/** A data dir path (not created) that outlives its test, for the scan. */
export function dataDirPath(name: string): string {
  mkdirSync(join(DATA_DIR, name), { recursive: true });
  return join(DATA_DIR, name, 'data');
}

/** Everything recorded so far. */
export function readEvidence(): {
  readonly secrets: string[];
  readonly errorBodies: string;
  readonly logsDir: string;
  readonly dataDir: string;
} {
  const read = (path: string) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      return '';
    }
  };
  const secrets = read(SECRETS_FILE)
    .split('\n')
    .filter((line) => line !== '');
  return {
    secrets: [...new Set(secrets)],
    errorBodies: read(BODIES_FILE),
    logsDir: LOGS_DIR,
    dataDir: DATA_DIR,
  };
}

/** Names of the files under `dir`, recursively. */
export function filesUnder(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true, recursive: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name));
  } catch {
    return [];
  }
}
