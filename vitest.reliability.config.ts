import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The reliability and security suite (`npm run test:reliability`, not part of `npm test`): one file at a
 * time, in this order, because the last one scans what every other one recorded (issued secrets, server
 * logs, error bodies, data dirs) under test-output/reliability/.
 */
const ORDER = ['fuzz', 'abuse', 'crash-safety', 'authorization-matrix', 'secrets'];

const rank = (file: TestSpecification) => {
  const index = ORDER.findIndex((name) => file.moduleId.endsWith(`/${name}.test.ts`));
  return index < 0 ? ORDER.length : index;
};

class SuiteOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => rank(a) - rank(b));
  }
}

export default defineConfig({
  test: {
    name: 'reliability',
    include: ['test/reliability/**/*.test.ts'],
    globalSetup: ['test/reliability/support/global-setup.ts'],
    fileParallelism: false,
    sequence: { sequencer: SuiteOrder },
    pool: 'forks',
    testTimeout: 300_000,
    hookTimeout: 120_000,
  },
});
