/** `akm migrate`: applies pending schema migrations explicitly. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DATABASE_FILE, StartupError } from '../../main.js';
import { SqliteStore } from '../../storage/sqlite/sqlite-store.js';
import { type Command, EXIT } from '../command.js';
import { configFrom, DATA_DIR_OPTIONS } from '../server-options.js';

/** The migrate command. */
export const migrateCommand: Command = {
  path: ['migrate'],
  summary: 'Apply pending database migrations',
  usage: 'migrate [--data-dir DIR]',
  options: DATA_DIR_OPTIONS,
  async run(values, io) {
    const config = configFrom(values, io);
    const path = join(config.dataDir, DATABASE_FILE);
    if (!existsSync(path)) throw new StartupError(`${config.dataDir} is not an initialised akm data dir`);
    const store = SqliteStore.open({ path, migrate: true });
    io.stdout(`${JSON.stringify({ schemaVersion: store.schemaVersion() })}\n`);
    await store.close();
    return EXIT.ok;
  },
};
