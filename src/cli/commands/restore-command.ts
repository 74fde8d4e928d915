/** `akm restore`: a backup becomes the store of a new data dir; never over a live store, never a new key. */
import { restoreDataDir } from '../../admin/restore-data-dir.js';
import { masterKeyPath } from '../../main.js';
import { type Command, EXIT, UsageError } from '../command.js';
import { optionalString, requiredString } from '../option-values.js';
import { configFrom, STORE_LOCATION_OPTIONS } from '../server-options.js';

/** The restore command. */
export const restoreCommand: Command = {
  path: ['restore'],
  summary: 'Restore a backup into a new data dir (refuses a data dir that holds a store)',
  usage: 'restore --from FILE --data-dir NEW [--master-key-file KEY]',
  details:
    'NEW must not exist or be empty (it may already hold the master key file). The backup is checked\n' +
    '(SQLite integrity, akm schema version) before it is placed. The master key is not in the backup:\n' +
    '--master-key-file KEY copies the separately backed-up key to NEW/master.key; otherwise put it there\n' +
    '(mode 0600) or set AKM_MASTER_KEY before serving. A key that does not match the backup is refused.\n' +
    'PostgreSQL: restore a pg_dump with pg_restore (see README, "Backups").',
  options: { ...STORE_LOCATION_OPTIONS, from: { type: 'string' }, 'master-key-file': { type: 'string' } },
  async run(values, io) {
    // --master-key-file names the key to install here, not where a server reads it: keep it out of the config.
    const { 'master-key-file': _keyFile, ...storeValues } = values;
    const config = configFrom(storeValues, io);
    if (config.databaseUrl) {
      throw new UsageError(
        'akm restore restores a SQLite backup; for PostgreSQL use pg_restore (see README, "Backups")',
      );
    }
    const from = requiredString(values, 'from');
    const report = restoreDataDir(config, from, optionalString(values, 'master-key-file'));
    io.stdout(`${JSON.stringify(report)}\n`);
    if (report.masterKey === 'missing') {
      io.stderr(
        `akm: the backup holds no master key. Put the master key you backed up separately in ${masterKeyPath(config)} (mode 0600) or set AKM_MASTER_KEY; akm refuses to start with a key that does not match.\n`,
      );
    }
    return EXIT.ok;
  },
};
