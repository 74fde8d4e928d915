/** Dispatches `akm <command…> [options]` to a command and turns failures into exit codes. */
import { parseArgs } from 'node:util';
import { ConfigError } from '../config/load-config.js';
import { isAkmError } from '../domain/errors.js';
import { StartupError } from '../main.js';
import { SchemaVersionError } from '../storage/schema-version.js';
import { ApiError, EndpointError } from './api/api-errors.js';
import { type CliIo, type Command, EXIT, type OptionValues, UsageError } from './command.js';
import { accountCreateCommand } from './commands/account-create-command.js';
import { auditCommand } from './commands/audit-command.js';
import { backupCommand } from './commands/backup-command.js';
import { configureCommand } from './commands/configure-command.js';
import { devSeedCommand } from './commands/dev-seed-command.js';
import { initCommand } from './commands/init-command.js';
import {
  keyCreateCommand,
  keyDeleteCommand,
  keyDisableCommand,
  keyEnableCommand,
  keyLastUsedCommand,
  keyListCommand,
  keyUsageCommand,
} from './commands/key-commands.js';
import { migrateCommand } from './commands/migrate-command.js';
import { policyAttachCommand, policyDetachCommand, policyListCommand } from './commands/policy-commands.js';
import { preferenceGetCommand, preferenceSetCommand } from './commands/preference-commands.js';
import { reportCommand } from './commands/report-command.js';
import { restoreCommand } from './commands/restore-command.js';
import { rotateMasterKeyCommand } from './commands/rotate-master-key-command.js';
import { serveCommand, startCommand } from './commands/serve-command.js';
import {
  userCreateCommand,
  userDeleteCommand,
  userGetCommand,
  userListCommand,
  userUpdateCommand,
} from './commands/user-commands.js';
import { whoamiCommand } from './commands/whoami-command.js';
import { CredentialsFileError } from './credentials/credentials-file.js';

/** Every command, in the order `akm --help` lists them: the server's, then the API client's. */
export const COMMANDS: readonly Command[] = [
  initCommand,
  startCommand,
  serveCommand,
  accountCreateCommand,
  migrateCommand,
  devSeedCommand,
  backupCommand,
  restoreCommand,
  rotateMasterKeyCommand,
  configureCommand,
  whoamiCommand,
  userCreateCommand,
  userGetCommand,
  userListCommand,
  userUpdateCommand,
  userDeleteCommand,
  keyCreateCommand,
  keyListCommand,
  keyEnableCommand,
  keyDisableCommand,
  keyDeleteCommand,
  keyLastUsedCommand,
  keyUsageCommand,
  policyAttachCommand,
  policyDetachCommand,
  policyListCommand,
  preferenceGetCommand,
  preferenceSetCommand,
  reportCommand,
  auditCommand,
];

/** The package version, shown by `akm --version`. */
export const VERSION = '0.1.0';

function help(): string {
  const lines = COMMANDS.map((c) => `  akm ${c.usage}\n      ${c.summary}`);
  return `akm: self-hosted AccessKey management, wire-compatible with Alibaba Cloud RAM\n\nUsage:\n${lines.join('\n')}\n\nConnection options: --endpoint URL, --profile NAME, --ca FILE (or AKM_ENDPOINT, AKM_ACCESS_KEY_ID and\nAKM_ACCESS_KEY_SECRET, or a profile saved by \`akm configure\`).\nRun \`akm <command> --help\` for one command. Environment variables: see README (AKM_*).\n`;
}

function findCommand(args: readonly string[]): { command: Command; rest: string[] } | undefined {
  const matches = COMMANDS.filter((c) => c.path.every((word, i) => args[i] === word));
  const command = matches.sort((a, b) => b.path.length - a.path.length)[0];
  return command ? { command, rest: args.slice(command.path.length) } : undefined;
}

/** `unknown command`, listing the subcommands when the first word names a group (`akm user`). */
function unknownCommand(args: readonly string[]): UsageError {
  const group = COMMANDS.filter((c) => c.path.length > 1 && c.path[0] === args[0]);
  const choices = group.length > 0 ? `; try akm ${args[0]} ${group.map((c) => c.path[1]).join('|')}` : '';
  return new UsageError(`unknown command: ${args.join(' ')}${choices}`);
}

function commandHelp(command: Command): string {
  return `Usage: akm ${command.usage}\n\n${command.summary}\n${command.details ? `\n${command.details}\n` : ''}`;
}

/** Runs the CLI with `args` (without `node` and the script) and returns the exit code. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  if (args.length === 0 || args[0] === '--help' || args[0] === '-h' || args[0] === 'help') {
    io.stdout(help());
    return args.length === 0 ? EXIT.usage : EXIT.ok;
  }
  if (args[0] === '--version') {
    io.stdout(`${VERSION}\n`);
    return EXIT.ok;
  }
  const found = findCommand(args);
  try {
    if (!found) throw unknownCommand(args);
    const { command, rest } = found;
    if (rest.includes('--help') || rest.includes('-h')) {
      io.stdout(commandHelp(command));
      return EXIT.ok;
    }
    const values = parseCommandArgs(command, rest);
    return await command.run(values, io);
  } catch (error) {
    return reportFailure(error, io);
  }
}

function parseCommandArgs(command: Command, rest: string[]): OptionValues {
  try {
    const { values } = parseArgs({
      args: rest,
      options: command.options,
      strict: true,
      allowPositionals: false,
    });
    const out: Record<string, string | boolean | undefined> = {};
    // Options are declared without `multiple`, so arrays never occur; keep the type honest anyway.
    for (const [k, v] of Object.entries(values)) out[k] = Array.isArray(v) ? v.at(-1) : v;
    return out;
  } catch (error) {
    throw new UsageError(
      `${error instanceof Error ? error.message : String(error)}\nUsage: akm ${command.usage}`,
    );
  }
}

function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof UsageError || error instanceof ConfigError || error instanceof CredentialsFileError) {
    io.stderr(`akm: ${error.message}\n`);
    return EXIT.usage;
  }
  if (
    error instanceof StartupError ||
    error instanceof SchemaVersionError ||
    error instanceof ApiError ||
    error instanceof EndpointError ||
    isAkmError(error)
  ) {
    io.stderr(`akm: ${error.message}\n`);
    return EXIT.failure;
  }
  io.stderr(
    `akm: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  return EXIT.failure;
}
