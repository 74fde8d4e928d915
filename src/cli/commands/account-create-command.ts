/** `akm account create`: another account (tenant) with its root AccessKey, safe while a server runs. */
import { SILENT_LOGGER } from '../../logging/json-logger.js';
import { localOperator, openRuntime } from '../../main.js';
import { createAccount } from '../../service/create-account.js';
import { type Command, EXIT } from '../command.js';
import { printRootKey } from '../print-root-key.js';
import { configFrom, STORE_OPTIONS } from '../server-options.js';

/** The account create command. */
export const accountCreateCommand: Command = {
  path: ['account', 'create'],
  summary: 'Create another account (tenant) and print its root AccessKey',
  usage: 'account create [--data-dir DIR] [--database-url postgres://…] [--master-key-file FILE]',
  options: STORE_OPTIONS,
  async run(values, io) {
    const runtime = await openRuntime(configFrom(values, io), SILENT_LOGGER);
    try {
      printRootKey(await createAccount(runtime.deps, localOperator()), io);
    } finally {
      await runtime.close();
    }
    return EXIT.ok;
  },
};
