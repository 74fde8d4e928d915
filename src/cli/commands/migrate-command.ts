/** `akm migrate`: applies pending schema migrations explicitly (required before serving a newer akm on PostgreSQL). */
import { SILENT_LOGGER } from '../../logging/json-logger.js';
import { isInitialised, StartupError } from '../../main.js';
import { openStore } from '../../open-store.js';
import { type Command, EXIT } from '../command.js';
import { configFrom, STORE_OPTIONS } from '../server-options.js';

/** The migrate command. */
export const migrateCommand: Command = {
  path: ['migrate'],
  summary: 'Apply pending database migrations',
  usage: 'migrate [--data-dir DIR | --database-url postgres://…]',
  options: STORE_OPTIONS,
  async run(values, io) {
    const config = configFrom(values, io);
    if (!config.databaseUrl && !(await isInitialised(config, SILENT_LOGGER))) {
      throw new StartupError(`${config.dataDir} is not an initialised akm data dir`);
    }
    const opened = await openStore(config, 'migrate', { now: () => new Date() }, SILENT_LOGGER);
    try {
      io.stdout(`${JSON.stringify({ schemaVersion: await opened.schemaVersion() })}\n`);
    } finally {
      await opened.close();
    }
    return EXIT.ok;
  },
};
