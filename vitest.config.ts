import * as fs from 'node:fs';
import * as path from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * Three projects. `unit`: everything that runs on this repository alone (the CLI and the
 * jscodeshift tests use the build in dist/, so `npm run test:unit` builds first), on worker
 * threads without isolation: a worker runs file after file, so TypeScript, ts-morph, Babel and
 * ESLint load once per worker, not once per file. `unit-mocks`: the unit files that replace
 * modules (vi.mock, vi.resetModules), each in a fresh process as they need; found by reading
 * the files, so a new one joins by itself. `e2e`: real Taro versions installed into
 * test/e2e/<version>/ and the examples, `taro build`, the mini-program host on the output, and
 * the H5 tests in a browser, in fresh processes. `npm test` runs all three.
 *
 * Vitest decides isolation per pool, not per project: hence threads for `unit` (not isolated)
 * and forks (isolated, the default) for the other two.
 */
const E2E = ['test/e2e/**/*.test.ts', 'test/h5/recorder.test.ts', 'test/h5/taro-app-h5.test.ts', 'test/h5/audio-context.test.ts', 'test/h5/background-audio.test.ts', 'test/h5/taro-h5-players.test.ts'];

/** Test files (outside e2e) that replace modules: they cannot share a module cache with the others. */
function filesReplacingModules(root: string): string[] {
  return fs.readdirSync(path.join(root, 'test'), { withFileTypes: true, recursive: true }).flatMap((entry) => {
    const full = path.join(entry.parentPath, entry.name);
    const file = path.relative(root, full).split(path.sep).join('/');
    if (!entry.isFile() || !file.endsWith('.test.ts') || file.startsWith('test/e2e/')) return [];
    return /\bvi\.(?:mock|doMock|unmock|resetModules)\(/.test(fs.readFileSync(full, 'utf8')) ? [file] : [];
  });
}
const REPLACING_MODULES = filesReplacingModules(__dirname);

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // Only `unit` runs on threads.
    poolOptions: { threads: { isolate: false } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...E2E, ...REPLACING_MODULES],
          pool: 'threads',
          // The audits of all its files share the parse of TypeScript's lib files and installed typings.
          setupFiles: ['test/setup/shared-declarations.ts'],
        },
      },
      { extends: true, test: { name: 'unit-mocks', include: REPLACING_MODULES } },
      { extends: true, test: { name: 'e2e', include: E2E } },
    ],
  },
});
