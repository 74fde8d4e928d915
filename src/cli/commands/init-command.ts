/** `akm init`: creates a data dir with its first account and prints the root AccessKey once. */

import { SILENT_LOGGER } from '../../logging/json-logger.js';
import { initDataDir } from '../../main.js';
import { type Command, EXIT } from '../command.js';
import { printRootKey } from '../print-root-key.js';
import { configFrom, STORE_OPTIONS } from '../server-options.js';

/** The init command. */
export const initCommand: Command = {
  path: ['init'],
  summary: 'Create a data dir, its master key and the first account; print the root AccessKey',
  usage: 'init [--data-dir DIR] [--database-url postgres://…] [--master-key-file FILE]',
  options: STORE_OPTIONS,
  async run(values, io) {
    const created = await initDataDir(configFrom(values, io), SILENT_LOGGER);
    printRootKey(created, io);
    return EXIT.ok;
  },
};
