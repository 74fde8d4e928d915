/**
 * `akm configure`: saves an endpoint and AccessKey pair as a profile in ~/.akm/credentials (0600 in a
 * 0700 directory). The secret is read from stdin, or asked for without echo on a terminal, so it stays
 * out of the shell history and the process list; `--access-key-secret` exists for scripts.
 */
import { resolve } from 'node:path';
import { type CliIo, type Command, EXIT, type OptionValues, UsageError } from '../command.js';
import { credentialsPath, PROFILE_NAME, writeProfile } from '../credentials/credentials-file.js';
import { parseEndpoint } from '../credentials/resolve-api-target.js';
import { optionalString, requiredString } from '../option-values.js';

/** Keys and secrets stored in the file are one token: printable ASCII, no spaces. */
const TOKEN = /^[\x21-\x7e]+$/;
/** Paths may hold spaces, but no line breaks or other control characters, nor edge spaces. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting them is the point.
const PATH = /^(?! )[^\u0000-\u001f\u007f]+(?<! )$/;

async function readSecret(values: OptionValues, io: CliIo): Promise<string> {
  const given = optionalString(values, 'access-key-secret');
  if (given !== undefined) return given;
  if (io.terminal.stdinIsTTY) return (await io.terminal.promptHidden('AccessKey secret: ')).trim();
  // Piped: the first line, so `echo "$SECRET" | akm configure …` and here-strings both work.
  return ((await io.terminal.readStdin()).split(/\r?\n/)[0] ?? '').trim();
}

function check(value: string, pattern: RegExp, what: string): string {
  if (!pattern.test(value)) throw new UsageError(`${what} holds characters the credentials file cannot keep`);
  return value;
}

/** The configure command. */
export const configureCommand: Command = {
  path: ['configure'],
  summary: 'Save an endpoint and AccessKey pair as a profile in ~/.akm/credentials',
  usage:
    'configure [--profile NAME] --endpoint URL --access-key-id ID [--access-key-secret SECRET] [--ca FILE]',
  details: `  --profile NAME            profile to write (default "default"); other profiles are kept
  --endpoint URL            http://host:port or https://host:port
  --access-key-id ID        the AccessKeyId
  --access-key-secret S     the secret; otherwise read from stdin, or asked for without echo on a
                            terminal (preferred: a flag is visible to other users in the process list)
  --ca FILE                 PEM certificate(s) to trust for https (stored as an absolute path)`,
  options: {
    profile: { type: 'string' },
    endpoint: { type: 'string' },
    'access-key-id': { type: 'string' },
    'access-key-secret': { type: 'string' },
    ca: { type: 'string' },
  },
  async run(values, io) {
    const name = optionalString(values, 'profile') ?? 'default';
    if (!PROFILE_NAME.test(name)) throw new UsageError(`invalid profile name ${JSON.stringify(name)}`);
    const endpoint = parseEndpoint(requiredString(values, 'endpoint')).href.replace(/\/$/, '');
    const accessKeyId = check(requiredString(values, 'access-key-id'), TOKEN, '--access-key-id');
    const ca = optionalString(values, 'ca');
    const secret = await readSecret(values, io);
    if (secret === '') throw new UsageError('no AccessKey secret given (stdin was empty)');
    const path = credentialsPath(io.env);
    writeProfile(path, name, {
      endpoint,
      accessKeyId,
      accessKeySecret: check(secret, TOKEN, 'the AccessKey secret'),
      ...(ca === undefined ? {} : { caFile: check(resolve(ca), PATH, '--ca') }),
    });
    io.stdout(`Saved profile [${name}] in ${path}.\n`);
    return EXIT.ok;
  },
};
