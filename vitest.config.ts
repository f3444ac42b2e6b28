import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Docker-backed tests start containers: keep the default per-test timeout generous.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // Docker tests assert on the engine's global container list: run files one at a time.
    fileParallelism: false,
  },
});
