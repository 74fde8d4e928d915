/** `akm rotate-master-key`: re-seals every secret under a new master key while servers keep serving. */
import { type RotationStep, rotateMasterKey } from '../../admin/rotate-master-key.js';
import { SILENT_LOGGER } from '../../logging/json-logger.js';
import { type CliIo, type Command, EXIT } from '../command.js';
import { configFrom, STORE_OPTIONS } from '../server-options.js';

/** Blocks the whole process (the test pause must also hold inside a synchronous transaction). */
function sleepSync(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * TEST ONLY: with AKM_TEST_ROTATION_PAUSE_AT=<step> the rotation announces the step on stderr and stops
 * there for AKM_TEST_ROTATION_PAUSE_MS (default 60000), so a test can kill it at that exact point.
 */
function testPause(io: CliIo): (step: RotationStep) => void {
  const at = io.env.AKM_TEST_ROTATION_PAUSE_AT;
  const ms = Number(io.env.AKM_TEST_ROTATION_PAUSE_MS ?? 60_000);
  return (step) => {
    if (step !== at) return;
    io.stderr(`akm: test pause at ${step}\n`);
    sleepSync(ms);
  };
}

/** The rotate-master-key command. */
export const rotateMasterKeyCommand: Command = {
  path: ['rotate-master-key'],
  summary: 'Re-encrypt every secret under a new master key (servers keep serving; the old key is retired)',
  usage: 'rotate-master-key [--data-dir DIR | --database-url postgres://…] [--master-key-file FILE]',
  details:
    'Writes the new key to <key file>.next, re-seals every secret and the check value in one\n' +
    'transaction, then renames it over the key file. Running servers pick the new key up from the file.\n' +
    'Interrupted, it leaves every key working; run it again to complete it. Refused with AKM_MASTER_KEY.\n' +
    'Backups taken before a rotation need the old key: keep it as long as you keep them.',
  options: STORE_OPTIONS,
  async run(values, io) {
    const report = await rotateMasterKey(configFrom(values, io), SILENT_LOGGER, testPause(io));
    io.stdout(`${JSON.stringify(report)}\n`);
    return EXIT.ok;
  },
};
