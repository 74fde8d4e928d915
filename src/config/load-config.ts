/** Loads the configuration once: flags over environment over defaults, every problem reported together. */
import { z } from 'zod';
import { CONFIG_KEYS, type Config } from './config-schema.js';

/** Raised with every configuration problem listed, for start-up to print. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

/** Resolves the configuration from command-line flag values and an environment. */
export function loadConfig(
  flags: Readonly<Record<string, string | undefined>>,
  env: Readonly<Record<string, string | undefined>>,
): Config {
  const raw: Record<string, string | undefined> = {};
  const shape: Record<string, z.ZodType> = {};
  for (const [key, spec] of Object.entries(CONFIG_KEYS)) {
    const fromFlag = 'flag' in spec ? flags[spec.flag] : undefined;
    // An empty environment variable means "not set", as shells often export empty values.
    raw[key] = fromFlag ?? (env[spec.env] === '' ? undefined : env[spec.env]);
    shape[key] = spec.schema;
  }
  const parsed = z.object(shape).safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const key = String(issue.path[0]) as keyof typeof CONFIG_KEYS;
      const spec = CONFIG_KEYS[key];
      const source = 'flag' in spec ? `--${spec.flag} / ${spec.env}` : spec.env;
      return `  ${source}: ${issue.message}`;
    });
    throw new ConfigError(`invalid configuration:\n${problems.join('\n')}`);
  }
  const config = parsed.data as Config;
  if ((config.tlsCert === undefined) !== (config.tlsKey === undefined)) {
    throw new ConfigError('invalid configuration:\n  --tls-cert and --tls-key must be given together');
  }
  return Object.freeze(config);
}
