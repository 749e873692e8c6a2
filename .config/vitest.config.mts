import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Unit tests (pure, fast) and integration tests (real SQLite files, child processes) run as two projects. */
export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'], environment: 'node' } },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Child processes and SIGKILL loops compete for two cores; keep them one file at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
