/** `akm backup`: an online snapshot of the SQLite store into one file, safe while a server runs. */
import { backupDataDir } from '../../admin/backup-data-dir.js';
import { type Command, EXIT, UsageError } from '../command.js';
import { requiredString } from '../option-values.js';
import { configFrom, STORE_LOCATION_OPTIONS } from '../server-options.js';

/** Why `--database-url` is refused, and what to do instead. */
const PG_DUMP_ADVICE =
  'akm backup copies the SQLite store of a data dir; for PostgreSQL use pg_dump, e.g. ' +
  'pg_dump --format=custom --schema=public --file=akm.dump "$AKM_DATABASE_URL" (see README, "Backups")';

/** The backup command. */
export const backupCommand: Command = {
  path: ['backup'],
  summary: 'Write a consistent snapshot of the SQLite store to a file while the server keeps serving',
  usage: 'backup --data-dir DIR --out FILE [--force]',
  details:
    'Secrets stay encrypted in the backup, and the master key is not in it: back the master key up\n' +
    'separately. Refuses to overwrite FILE unless --force. Prints a JSON line: file, bytes,\n' +
    'schemaVersion and the number of accounts, users and keys. PostgreSQL: use pg_dump (see README).',
  options: { ...STORE_LOCATION_OPTIONS, out: { type: 'string' }, force: { type: 'boolean' } },
  async run(values, io) {
    const config = configFrom(values, io);
    if (config.databaseUrl) throw new UsageError(PG_DUMP_ADVICE);
    const report = await backupDataDir(config, requiredString(values, 'out'), values.force === true);
    io.stdout(`${JSON.stringify(report)}\n`);
    return EXIT.ok;
  },
};
