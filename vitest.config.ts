import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Two projects. `unit`: everything that runs on this repository alone (the CLI and the
 * jscodeshift tests use the build in dist/, so `npm run test:unit` builds first). `e2e`: real
 * Taro versions installed into test/e2e/<version>/ and the examples, `taro build`, the
 * mini-program host on the output, and the H5 tests in a browser. `npm test` runs both.
 */
const E2E = ['test/e2e/**/*.test.ts', 'test/h5/recorder.test.ts', 'test/h5/taro-app-h5.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 600_000,
    pool: 'forks',
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [...configDefaults.exclude, ...E2E] } },
      { extends: true, test: { name: 'e2e', include: E2E } },
    ],
  },
});
