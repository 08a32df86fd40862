import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: run files in two forks, keeping native modules out of worker threads.
    pool: 'forks',
    maxWorkers: 2,
  },
});
