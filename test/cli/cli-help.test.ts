/**
 * `--help` on every command of the built binary, the top-level help listing them all, and README's
 * Commands table and report columns keeping up with them.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_COLUMNS } from '../../src/cli/report/report-rows.js';
import { COMMANDS } from '../../src/cli/run-cli.js';
import { expectUsageError, makeHome, okTable, runCli } from './cli-harness.js';

describe('akm help', () => {
  let home: ReturnType<typeof makeHome>;

  beforeAll(() => {
    home = makeHome();
  });

  afterAll(() => home.remove());

  it('akm --help lists every command', async () => {
    const help = okTable(await runCli(['--help'], home.home));
    for (const command of COMMANDS) expect(help).toContain(`akm ${command.usage}`);
  });

  it.each(COMMANDS.map((c) => [c.path.join(' '), c] as const))(
    'akm %s --help exits 0 with its usage',
    async (_, command) => {
      const help = okTable(await runCli([...command.path, '--help'], home.home));
      expect(help.startsWith(`Usage: akm ${command.usage}\n\n${command.summary}\n`)).toBe(true);
      // Commands that call the API document how to reach it and how they print.
      if (command.options.endpoint) expect(help).toMatch(/--endpoint URL[\s\S]*--profile NAME/);
      if (command.options.output) expect(help).toContain('--output MODE  table or json');
    },
  );

  it('an unknown command is a usage error', async () => {
    expectUsageError(await runCli(['frobnicate'], home.home), /^akm: unknown command: frobnicate\n$/);
    expectUsageError(
      await runCli(['key'], home.home),
      /unknown command: key; try akm key create\|list\|enable\|disable\|delete\|last-used\|usage/,
    );
  });

  it.each(COMMANDS.map((c) => [c.path.join(' '), c.path] as const))(
    'README lists akm %s in its Commands table',
    (_, path) => {
      const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
      const rows = readme.split('\n').filter((line) => line.startsWith(`| \`akm ${path[0]}`));
      expect(rows.some((row) => path.slice(1).every((word) => row.includes(word)))).toBe(true);
    },
  );

  it.each(REPORT_COLUMNS.map((c) => [c]))('README documents the report column %s', (column) => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toContain(`| \`${column}\``);
  });
});
