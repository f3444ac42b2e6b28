import { defineConfig } from 'vitest/config';

/**
 * Two projects:
 * - `unit`: no Docker, files in parallel (`npm run test:unit`);
 * - `docker`: tests that start containers (test/docker/), one file at a time, after the unit
 *   project (`npm run test:docker`). They run whenever an engine answers; with CI=true a missing
 *   engine fails them.
 */
export default defineConfig({
  test: {
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: ['test/docker/**'],
          testTimeout: 60_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        extends: true,
        test: {
          name: 'docker',
          include: ['test/docker/**/*.test.ts'],
          // Start-up of containers and image builds: generous per-test and per-hook timeouts.
          testTimeout: 120_000,
          hookTimeout: 600_000,
          // Containers compete for the machine's cores: one file at a time.
          poolOptions: { forks: { singleFork: true } },
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
