import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/helpers/quiet-log.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Platform tests bind loopback ports and spawn child processes; two cores.
    pool: 'forks',
  },
});
