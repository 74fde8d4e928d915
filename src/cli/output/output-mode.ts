/** `--output table|json`: tables for people at a terminal, JSON for scripts and pipes. */
import { type CliIo, type Options, type OptionValues, UsageError } from '../command.js';

/** How a command prints its result. */
export type OutputMode = 'table' | 'json';

/** The `--output` option. */
export const OUTPUT_OPTIONS: Options = { output: { type: 'string', short: 'o' } };

/** Help text for {@link OUTPUT_OPTIONS}. */
export const OUTPUT_HELP = `Output:
  -o, --output MODE  table or json; default table on a terminal, json when piped
                     (json is the RAM response as received)`;

/** The mode asked for, else table on a terminal and JSON otherwise. */
export function outputMode(values: OptionValues, io: CliIo): OutputMode {
  const asked = values.output;
  if (asked === undefined) return io.terminal.stdoutIsTTY ? 'table' : 'json';
  if (asked === 'table' || asked === 'json') return asked;
  throw new UsageError(`--output must be table or json, not ${JSON.stringify(asked)}`);
}

/** Pretty-printed JSON with a final newline. */
export function formatJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
