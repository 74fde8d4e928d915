/** Option sets shared by commands, and their conversion into configuration flags. */
import type { Config } from '../config/config-schema.js';
import { loadConfig } from '../config/load-config.js';
import type { CliIo, Options, OptionValues } from './command.js';

/** Where the store is: a data dir (SQLite) or a database URL. */
export const STORE_LOCATION_OPTIONS: Options = {
  'data-dir': { type: 'string' },
  'database-url': { type: 'string' },
};

/** Where the store and master key are, for every command that opens them. */
export const STORE_OPTIONS: Options = {
  ...STORE_LOCATION_OPTIONS,
  'master-key-file': { type: 'string' },
};

/** Options of commands that serve. */
export const SERVE_OPTIONS: Options = {
  ...STORE_OPTIONS,
  host: { type: 'string' },
  port: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'log-level': { type: 'string' },
};

/** Resolves the configuration from the command's options and the environment. */
export function configFrom(values: OptionValues, io: CliIo): Config {
  const flags: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(values)) if (typeof v === 'string') flags[k] = v;
  return loadConfig(flags, io.env);
}
