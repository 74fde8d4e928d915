/** The `akm` executable's entry point. */
import { runCli } from './run-cli.js';
import { PROCESS_TERMINAL } from './terminal/process-terminal.js';

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  terminal: PROCESS_TERMINAL,
});
process.exitCode = code;
