/**
 * `npm run bench`: the benchmarks under bench/, in plain Node (not the workerd pool that
 * vitest.config.ts uses for the tests), one file at a time so runs do not compete for CPU.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    environment: 'node',
    include: [],
    fileParallelism: false,
    benchmark: {
      include: ['bench/**/*.bench.ts'],
      // A path, not an import: the reporter then loads with vitest's own module runner.
      reporters: ['default', './bench/median-reporter.ts'],
    },
  },
});
