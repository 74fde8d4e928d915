/** A {@link CliIo} for unit tests: records what is written, with a chosen environment and terminal. */
import type { CliIo, Terminal } from './command.js';

/** A recording CliIo and what it captured. */
export interface FakeIo extends CliIo {
  readonly out: string[];
  readonly err: string[];
}

/** Builds a fake CliIo; nothing is a terminal and stdin is empty unless overridden. */
export function fakeIo(
  env: Readonly<Record<string, string | undefined>> = {},
  terminal: Partial<Terminal> = {},
): FakeIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    out,
    err,
    stdout: (text) => out.push(text),
    stderr: (text) => err.push(text),
    env,
    terminal: {
      stdoutIsTTY: false,
      stderrIsTTY: false,
      stdinIsTTY: false,
      readStdin: async () => '',
      promptHidden: () => Promise.reject(new Error('no terminal in this test')),
      ...terminal,
    },
  };
}
