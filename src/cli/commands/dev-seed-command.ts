/** `akm dev seed`: bulk-loads an initialised store with users and AccessKeys, for benchmarks. */
import { SILENT_LOGGER } from '../../logging/json-logger.js';
import { openRuntime } from '../../main.js';
import { seedStore } from '../../service/seed-store.js';
import { type Command, EXIT, UsageError } from '../command.js';
import { configFrom, STORE_OPTIONS } from '../server-options.js';

function count(value: string | boolean | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value))
    throw new UsageError(`--${name} must be a whole number`);
  return Number(value);
}

/** The dev seed command. */
export const devSeedCommand: Command = {
  path: ['dev', 'seed'],
  summary: 'Bulk-load an initialised store with users and AccessKeys (for benchmarks; secrets are discarded)',
  usage: 'dev seed --data-dir DIR --keys N [--users M] [--database-url postgres://…]',
  details:
    'Adds new accounts of up to 1000 users, each user holding up to 2 keys, written in one transaction per\naccount. Prints {"accounts","users","keys","seconds"} as one JSON line.',
  options: { ...STORE_OPTIONS, keys: { type: 'string' }, users: { type: 'string' } },
  async run(values, io) {
    const keys = count(values.keys, 'keys');
    if (keys === undefined) throw new UsageError('--keys N is required');
    const users = count(values.users, 'users');
    const runtime = await openRuntime(configFrom(values, io), SILENT_LOGGER, undefined, 'migrate');
    const started = process.hrtime.bigint();
    try {
      const seeded = await seedStore(runtime.deps, { keys, ...(users === undefined ? {} : { users }) });
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      io.stdout(`${JSON.stringify({ ...seeded, seconds: Math.round(seconds * 10) / 10 })}\n`);
    } catch (error) {
      if (error instanceof RangeError) throw new UsageError(error.message);
      throw error;
    } finally {
      await runtime.close();
    }
    return EXIT.ok;
  },
};
