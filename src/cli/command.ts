/** The shape of a CLI command and the errors that choose its exit code. */
import type { ParseArgsConfig } from 'node:util';

/** What the CLI knows about its terminal; injected so tests can stand in for it. */
export interface Terminal {
  /** Whether stdout is a terminal (tables by default) or a pipe (JSON by default). */
  readonly stdoutIsTTY: boolean;
  /** Whether stderr is a terminal (progress indicators are drawn only there). */
  readonly stderrIsTTY: boolean;
  /** Whether stdin is a terminal (secrets are then asked for without echo). */
  readonly stdinIsTTY: boolean;
  /** Reads stdin to its end. */
  readStdin(): Promise<string>;
  /** Asks a question on the terminal without echoing the answer. */
  promptHidden(question: string): Promise<string>;
}

/** Where a command writes; injected so tests capture output. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly terminal: Terminal;
}

/** Parsed option values (strings and booleans, as util.parseArgs gives them). */
export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

/** Option declarations in util.parseArgs' form. */
export type Options = NonNullable<ParseArgsConfig['options']>;

/** One `akm` command. */
export interface Command {
  /** Words that select it, e.g. `['account', 'create']`. */
  readonly path: readonly string[];
  readonly summary: string;
  /** Usage line after `akm `, e.g. `init [--data-dir DIR]`. */
  readonly usage: string;
  /** More help shown by `akm <command> --help`: options, examples. */
  readonly details?: string;
  readonly options: Options;
  /** Resolves to the exit code; long-running commands resolve when they stop. */
  run(values: OptionValues, io: CliIo): Promise<number>;
}

/** A mistake in how the command was invoked: exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit codes of `akm`. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
