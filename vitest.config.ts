import { defineConfig } from 'vitest/config';

// Three projects, run in this order by `npm test`:
// - unit: plain Node, in parallel; a test file sits beside the module it tests.
// - integration: real pcscd, real SQLite files, real TLS; one file at a time (one pcscd per machine).
// - e2e: the kiosk in Debian's headless Chromium through playwright-core; one file at a time.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: [
            'electron/**/*.test.ts',
            'sim/**/*.test.ts',
            'scripts/**/*.test.ts',
            'renderer/**/*.test.ts',
            'i18n/**/*.test.ts',
            'test/unit/**/*.test.ts',
          ],
          testTimeout: 20_000,
        },
      },
      {
        test: {
          name: 'integration',
          environment: 'node',
          include: ['test/integration/**/*.test.ts'],
          globalSetup: ['test/integration/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
