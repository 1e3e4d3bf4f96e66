import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { configDefaults, defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * Four projects. `unit`: everything that runs on this repository alone (the CLI and the
 * jscodeshift tests use the build in dist/, so `npm run test:unit` builds first if a source changed), on worker
 * threads without isolation: a worker runs file after file, so TypeScript, ts-morph, Babel and
 * ESLint load once per worker, not once per file. `unit-mocks`: the unit files that replace
 * modules (vi.mock, vi.resetModules), each in a fresh process as they need; found by reading
 * the files, so a new one joins by itself. `integration`: the few files that drive whole
 * processes through minutes of real conditions (INTEGRATION below), each in a fresh process.
 * `e2e`: real Taro versions installed into test/e2e/<version>/ and the examples, `taro build`,
 * the mini-program host on the output, and the H5 tests in a browser, in fresh processes.
 * `npm test` runs all four; `npm run test:unit` the first two, the fast loop. Outside e2e, every
 * file gets the rewrite the code loads lazily from the sources (test/setup/engine.ts).
 *
 * Vitest decides isolation per pool, not per project: hence threads for `unit` (not isolated)
 * and forks (isolated, the default) for the other three.
 */
const E2E = [
  'test/e2e/**/*.test.ts',
  'test/h5/recorder.test.ts',
  'test/h5/taro-app-h5.test.ts',
  'test/h5/audio-context.test.ts',
  'test/h5/background-audio.test.ts',
  'test/h5/taro-h5-players.test.ts',
  'test/h5/canvas-proof.test.ts',
];

/** The rewrite from the sources, for the code that loads it with require() (test/setup/engine.ts). */
const ENGINE_SETUP = 'test/setup/engine.ts';

/**
 * The CLI and the audit as processes under faults (a full disk, a failing or hanging git,
 * signals at random moments, files unreadable or changing while the run goes) and ESLint 8 and
 * 9 linting and fixing every fixture and example as the codemod does (and the README's ESLint
 * recipes, run as written on four projects), every benchmark script
 * on a tiny input (--smoke: a dozen processes), and jscodeshift's --babel default (it compiles
 * the engine each run): a third of the time of every test outside e2e together (BENCHMARKS.md,
 * the fast tests), so the fast loop leaves them to `npm test` and `npm run test:integration`.
 * A test of one behaviour belongs in `unit`.
 */
const INTEGRATION = [
  'test/cli/faults.test.ts',
  'test/audit/faults.test.ts',
  'test/eslint/tree.test.ts',
  'test/eslint/readme.test.ts',
  'test/scripts/bench.test.ts',
  'test/rewrite/jscodeshift-babel.test.ts',
];

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

/**
 * The files that take longest, longest first: each starts as soon as a worker is free, so the last to end is a short
 * one (on a fresh clone Vitest has no durations of its own and would start the largest files first). The e2e files
 * install apps and build them, so they overlap their waits for the network and the disk with each other's builds.
 */
const LONGEST_FIRST = [
  'test/e2e/install.test.ts',
  'test/e2e/pack.test.ts',
  'test/e2e/taro2.test.ts',
  'test/e2e/dependency-build.test.ts',
  'test/e2e/dependency-webpack5.test.ts',
  'test/e2e/dependency-prebundle.test.ts',
  'test/e2e/taro-app.test.ts',
  'test/e2e/include-wiring.test.ts',
  'test/e2e/taro-command.test.ts',
  'test/h5/taro-h5-players.test.ts',
  'test/e2e/taro-vue-app.test.ts',
  'test/h5/taro-app-h5.test.ts',
  'test/e2e/background-audio-build.test.ts',
  'test/e2e/taro36.test.ts',
  'test/e2e/taro1.test.ts',
  'test/e2e/published-types.test.ts',
  'test/h5/recorder.test.ts',
  'test/eslint/tree.test.ts',
  'test/e2e/voice-flow.test.ts',
  'test/e2e/system-info-build.test.ts',
  'test/h5/canvas-proof.test.ts',
];

class LongestFirst extends BaseSequencer {
  async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const rank = (spec: TestSpecification) => {
      const at = LONGEST_FIRST.indexOf(path.relative(__dirname, spec.moduleId).split(path.sep).join('/'));
      return at < 0 ? LONGEST_FIRST.length : at;
    };
    return (await super.sort(files)).sort((a, b) => rank(a) - rank(b));
  }
}

/**
 * Processes for the files of `unit-mocks`, `integration` and `e2e`: three, or one fewer than the cores where there are
 * more. The e2e files wait on npm, the registry and the browser for much of their time, so on two cores three of them
 * keep both busy; Vitest's default there would be one.
 */
const FORKS = Math.max(3, os.availableParallelism() - 1);

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 600_000,
    pool: 'forks',
    // Only `unit` runs on threads.
    poolOptions: { threads: { isolate: false }, forks: { maxForks: FORKS } },
    sequence: { sequencer: LongestFirst },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['test/**/*.test.ts'],
          exclude: [...configDefaults.exclude, ...E2E, ...REPLACING_MODULES, ...INTEGRATION],
          pool: 'threads',
          // The audits of all its files share the parse of TypeScript's lib files and installed typings, as the
          // audits of one process do (src/audit/program-host.ts); the processes its code starts are started by a small
          // helper process per worker (spawn-from-helper.ts).
          setupFiles: ['test/setup/spawn-from-helper.ts', ENGINE_SETUP],
        },
      },
      {
        extends: true,
        test: {
          name: 'unit-mocks',
          include: REPLACING_MODULES.filter((file) => !INTEGRATION.includes(file)),
          setupFiles: [ENGINE_SETUP],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: INTEGRATION,
          setupFiles: [ENGINE_SETUP],
        },
      },
      // Its global setup names the run, for the builds its files share (test/e2e/helpers/shared-build.ts).
      { extends: true, test: { name: 'e2e', include: E2E, globalSetup: ['test/setup/e2e-run.ts'] } },
    ],
  },
});
