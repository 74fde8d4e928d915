/**
 * The shape shared by every command that calls a running akm: parse the options (usage errors come
 * before any connection), resolve the target, call, then print JSON or a table.
 */
import type { Operation } from '../../protocol/operations/operation.js';
import { type OperationInput, RamApiClient } from '../api/ram-api-client.js';
import type { JsonObject, JsonValue } from '../api/ram-fields.js';
import { type CliIo, type Command, EXIT, type Options, type OptionValues } from '../command.js';
import { CONNECTION_HELP, CONNECTION_OPTIONS, resolveApiTarget } from '../credentials/resolve-api-target.js';
import { formatJson, OUTPUT_HELP, OUTPUT_OPTIONS, outputMode } from '../output/output-mode.js';

/** What a command prints: the JSON value, and how to draw it as a table. */
export interface Rendered {
  readonly json: JsonValue;
  readonly table: () => string;
}

/** The calls of one command, planned from its options, run against a client. */
export type ApiCall = (client: RamApiClient, io: CliIo) => Promise<Rendered>;

/** How to declare an API command. */
export interface ApiCommandSpec {
  readonly path: readonly string[];
  readonly summary: string;
  /** Usage after `akm `, without the connection and output options. */
  readonly usage: string;
  /** Its own options and what they mean, shown by `--help`. */
  readonly details?: string;
  readonly options?: Options;
  /** Checks the options (throwing UsageError) and returns the call to make. */
  plan(values: OptionValues, io: CliIo): ApiCall;
}

/** Builds a {@link Command} from a spec, adding the connection and `--output` options. */
export function defineApiCommand(spec: ApiCommandSpec): Command {
  return {
    path: spec.path,
    summary: spec.summary,
    usage: `${spec.usage} [--output table|json] [connection options]`,
    details: [spec.details, OUTPUT_HELP, CONNECTION_HELP].filter(Boolean).join('\n\n'),
    options: { ...spec.options, ...OUTPUT_OPTIONS, ...CONNECTION_OPTIONS },
    run: (values, io) => runApiCommand(spec, values, io),
  };
}

async function runApiCommand(spec: ApiCommandSpec, values: OptionValues, io: CliIo): Promise<number> {
  const mode = outputMode(values, io);
  const call = spec.plan(values, io);
  const rendered = await withClient(values, io, (client) => call(client, io));
  io.stdout(mode === 'json' ? formatJson(rendered.json) : rendered.table());
  return EXIT.ok;
}

/** Runs `use` with a client for the resolved target, closing its connections afterwards. */
export async function withClient<T>(
  values: OptionValues,
  io: CliIo,
  use: (client: RamApiClient) => Promise<T>,
): Promise<T> {
  const client = new RamApiClient(resolveApiTarget(values, io));
  try {
    return await use(client);
  } finally {
    client.close();
  }
}

/**
 * The common case: one operation, its response printed as JSON or drawn by `table`.
 *
 * @param operation - the operation to call
 * @param input - its parameters by neutral name
 * @param table - the table view of the response
 */
export function callOnce(
  operation: Operation,
  input: OperationInput,
  table: (response: JsonObject) => string,
): ApiCall {
  return async (client) => {
    const response = await client.call(operation, input);
    return { json: response, table: () => table(response) };
  };
}
