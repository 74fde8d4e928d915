import { defineConfig } from 'vitest/config';

/** The database-restart suite stops the machine's PostgreSQL, so it never runs beside other suites. */
export default defineConfig({
  test: {
    include: ['test/db-restart/**/*.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
