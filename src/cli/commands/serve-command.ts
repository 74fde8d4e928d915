/** `akm serve` and `akm start`: serve until SIGTERM/SIGINT, then drain and exit 0. */
import type { Config } from '../../config/config-schema.js';
import { JsonLogger } from '../../logging/json-logger.js';
import { initDataDir, isInitialised, startServer } from '../../main.js';
import { type CliIo, type Command, EXIT } from '../command.js';
import { printRootKey } from '../print-root-key.js';
import { configFrom, SERVE_OPTIONS } from '../server-options.js';

async function serveUntilSignal(config: Config, io: CliIo): Promise<number> {
  const logger = new JsonLogger(config.logLevel, io.stderr);
  const running = await startServer(config, logger);
  io.stderr(`akm: listening on ${running.url}\n`);
  await new Promise<void>((resolve) => {
    const onSignal = () => {
      process.off('SIGTERM', onSignal);
      process.off('SIGINT', onSignal);
      resolve();
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
  });
  await running.stop();
  return EXIT.ok;
}

/** The serve command. */
export const serveCommand: Command = {
  path: ['serve'],
  summary: 'Serve the RAM API from an initialised data dir',
  usage:
    'serve [--data-dir DIR | --database-url postgres://…] [--host 127.0.0.1] [--port 8080] [--tls-cert FILE --tls-key FILE]',
  options: SERVE_OPTIONS,
  run: (values, io) => serveUntilSignal(configFrom(values, io), io),
};

/** The start command (what `npm start` runs): init when needed, then serve. */
export const startCommand: Command = {
  path: ['start'],
  summary: 'Initialise the data dir if needed (printing the root AccessKey once), then serve',
  usage: 'start [--data-dir DIR] [--host 127.0.0.1] [--port 8080] [--tls-cert FILE --tls-key FILE]',
  options: SERVE_OPTIONS,
  async run(values, io) {
    const config = configFrom(values, io);
    const logger = new JsonLogger(config.logLevel, io.stderr);
    if (!(await isInitialised(config, logger))) printRootKey(await initDataDir(config, logger), io);
    return serveUntilSignal(config, io);
  },
};
