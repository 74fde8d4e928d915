import { defineConfig } from 'vitest/config';

const shared = { testTimeout: 60_000, hookTimeout: 60_000, pool: 'forks' } as const;

/**
 * Every test runs in the default project. When AKM_TEST_DATABASE_URL names a PostgreSQL server (CI sets
 * it), the end-to-end suites (RAM clients, and the AWS SDK suites of test/iam) run a second time,
 * unchanged, against PostgreSQL-backed servers.
 */
const postgresE2e = process.env.AKM_TEST_DATABASE_URL
  ? [
      {
        test: {
          ...shared,
          name: 'e2e-postgres',
          include: ['test/e2e/**/*.test.ts', 'test/iam/iam-*.test.ts', 'test/iam/cross-wire.test.ts'],
          env: { AKM_TEST_E2E_STORE: 'postgres' },
        },
      },
    ]
  : [];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          ...shared,
          name: 'all',
          include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
          // Stops the machine's database: run alone by `npm run test:db-restart`. The reliability suite has
          // its own configuration too (vitest.reliability.config.ts).
          exclude: ['test/db-restart/**', 'test/reliability/**', '**/node_modules/**'],
        },
      },
      ...postgresE2e,
    ],
  },
});
