/**
 * Which akm to call and as whom. Each setting comes from its flag, else the environment, else the
 * profile: `--endpoint` / `AKM_ENDPOINT` / `endpoint`; `--ca` / `AKM_CA_FILE` / `ca_file`. The key pair
 * comes from `AKM_ACCESS_KEY_ID` + `AKM_ACCESS_KEY_SECRET`, else from the profile, except that an
 * explicit `--profile` always wins (flags beat the environment).
 */
import { readFileSync } from 'node:fs';
import { type CliIo, type Options, type OptionValues, UsageError } from '../command.js';
import { credentialsPath, isExposed, type Profile, readCredentialsFile } from './credentials-file.js';

/** The options every API command accepts to pick its target. */
export const CONNECTION_OPTIONS: Options = {
  endpoint: { type: 'string' },
  profile: { type: 'string' },
  ca: { type: 'string' },
};

/** Help text for {@link CONNECTION_OPTIONS}. */
export const CONNECTION_HELP = `Connection (flag, else environment, else profile in ~/.akm/credentials):
  --endpoint URL     akm's URL, http:// or https:// (AKM_ENDPOINT)
  --profile NAME     profile written by \`akm configure\` (AKM_PROFILE, default "default");
                     AKM_ACCESS_KEY_ID + AKM_ACCESS_KEY_SECRET are used instead unless --profile is given
  --ca FILE          PEM certificate(s) to trust for https (AKM_CA_FILE; NODE_EXTRA_CA_CERTS also works)`;

/** A resolved target: endpoint, key pair, and extra trusted certificates. */
export interface ApiTarget {
  readonly endpoint: URL;
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** PEM text of `--ca`. */
  readonly ca?: string;
}

const DEFAULT_PROFILE = 'default';

/** Parses an endpoint URL; only http and https, no query or fragment. */
export function parseEndpoint(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new UsageError(
      `invalid endpoint ${JSON.stringify(text)}: expected http://host:port or https://host:port`,
    );
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash || url.username) {
    throw new UsageError(
      `invalid endpoint ${JSON.stringify(text)}: expected http://host:port or https://host:port`,
    );
  }
  return url;
}

function stringOption(values: OptionValues, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function readCa(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(
      `cannot read the CA file ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    );
  }
}

/** The named profile, warning once when the file is readable by others. */
function loadProfile(io: CliIo, name: string, required: boolean): Profile | undefined {
  const path = credentialsPath(io.env);
  const profile = readCredentialsFile(path).get(name);
  if (!profile && required) {
    throw new UsageError(`no profile [${name}] in ${path}; run \`akm configure --profile ${name}\``);
  }
  if (profile && isExposed(path)) {
    io.stderr(`akm: warning: ${path} is accessible by other users; run \`chmod 600 ${path}\`\n`);
  }
  return profile;
}

function keyPairFromEnv(io: CliIo): { accessKeyId: string; accessKeySecret: string } | undefined {
  const accessKeyId = io.env.AKM_ACCESS_KEY_ID || undefined;
  const accessKeySecret = io.env.AKM_ACCESS_KEY_SECRET || undefined;
  if (accessKeyId && accessKeySecret) return { accessKeyId, accessKeySecret };
  if (accessKeyId || accessKeySecret) {
    throw new UsageError('set both AKM_ACCESS_KEY_ID and AKM_ACCESS_KEY_SECRET, or neither');
  }
  return undefined;
}

/** Resolves the target of an API command from its options, the environment and the profile file. */
export function resolveApiTarget(values: OptionValues, io: CliIo): ApiTarget {
  const explicitProfile = stringOption(values, 'profile');
  const profileName = explicitProfile ?? (io.env.AKM_PROFILE || DEFAULT_PROFILE);
  const fromEnv = explicitProfile ? undefined : keyPairFromEnv(io);
  const profile = loadProfile(
    io,
    profileName,
    explicitProfile !== undefined || io.env.AKM_PROFILE !== undefined,
  );

  const endpoint = stringOption(values, 'endpoint') ?? (io.env.AKM_ENDPOINT || profile?.endpoint);
  if (!endpoint) {
    throw new UsageError('no endpoint: pass --endpoint URL, set AKM_ENDPOINT, or run `akm configure`');
  }
  const accessKeyId = fromEnv?.accessKeyId ?? profile?.accessKeyId;
  const accessKeySecret = fromEnv?.accessKeySecret ?? profile?.accessKeySecret;
  if (!accessKeyId || !accessKeySecret) {
    throw new UsageError(
      'no credentials: set AKM_ACCESS_KEY_ID and AKM_ACCESS_KEY_SECRET, or run `akm configure`',
    );
  }
  const caFile = stringOption(values, 'ca') ?? (io.env.AKM_CA_FILE || profile?.caFile);
  return {
    endpoint: parseEndpoint(endpoint),
    accessKeyId,
    accessKeySecret,
    ...(caFile === undefined ? {} : { ca: readCa(caFile) }),
  };
}
