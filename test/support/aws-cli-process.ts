/**
 * Runs Debian's AWS tools (`/usr/bin/aws` from `awscli`, `/usr/bin/python3` with `python3-boto3`, both
 * installed by .ci/run) against a test server, with a private HOME and config so no user setting leaks in.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Credentials } from './ram-clients.js';

/** Debian's packaged executables, by absolute path: the tests are about these builds, not others on PATH. */
export const DEBIAN_AWS = '/usr/bin/aws';
export const DEBIAN_PYTHON = '/usr/bin/python3';

/** The outcome of one process. */
export interface ProcessResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** A private HOME with no AWS configuration; `cleanup` removes it. */
export function makeAwsHome(): { home: string; cleanup(): void } {
  const home = mkdtempSync(join(tmpdir(), 'akm-aws-home-'));
  return { home, cleanup: () => rmSync(home, { recursive: true, force: true }) };
}

/** The environment of an AWS tool: credentials, region, private config files, no pager. */
export function awsEnv(home: string, credentials: Credentials, extra: Record<string, string> = {}) {
  return {
    PATH: '/usr/bin:/bin',
    HOME: home,
    LANG: 'C.UTF-8',
    AWS_CONFIG_FILE: join(home, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.accessKeySecret,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_PAGER: '',
    AWS_CLI_AUTO_PROMPT: 'off',
    ...extra,
  };
}

/** Runs `command args…` with `env` (and nothing else from this process's environment). */
export function runProcess(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
): Promise<ProcessResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
