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
    raw[key] = present(fromFlag) ?? present(env[spec.env]);
    shape[key] = spec.schema;
  }
  const problems: string[] = [];
  if ((raw.tlsCert === undefined) !== (raw.tlsKey === undefined)) {
    problems.push('  --tls-cert and --tls-key must be given together');
  }
  const parsed = z.object(shape).safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0]) as keyof typeof CONFIG_KEYS;
      const spec = CONFIG_KEYS[key];
      const source = 'flag' in spec ? `--${spec.flag} / ${spec.env}` : spec.env;
      problems.push(`  ${source}: ${issue.message}`);
    }
  }
  if (!parsed.success || problems.length > 0)
    throw new ConfigError(`invalid configuration:\n${problems.join('\n')}`);
  return Object.freeze(parsed.data as Config);
}

/** A blank value (empty or only spaces, as shells often export) means "not set". */
function present(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}
