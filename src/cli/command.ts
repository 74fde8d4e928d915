/** The shape of a CLI command and the errors that choose its exit code. */
import type { ParseArgsConfig } from 'node:util';

/** Where a command writes; injected so tests capture output. */
export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Parsed option values (strings and booleans, as util.parseArgs gives them). */
export type OptionValues = Readonly<Record<string, string | boolean | undefined>>;

/** One `akm` command. */
export interface Command {
  /** Words that select it, e.g. `['account', 'create']`. */
  readonly path: readonly string[];
  readonly summary: string;
  /** Usage line after `akm `, e.g. `init [--data-dir DIR]`. */
  readonly usage: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /** Resolves to the exit code; long-running commands resolve when they stop. */
  run(values: OptionValues, io: CliIo): Promise<number>;
}

/** A mistake in how the command was invoked: exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

/** Exit codes of `akm`. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
