/**
 * What the test files of a dependency that calls the legacy API (dependency-*.test.ts) share: copies of the example
 * with the dependencies of helpers/dependency.ts, and the reading of their builds' output.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { EXAMPLE, TMP, buildExample, copyExampleApp, editConfig, ensureExample, setMinified } from './example';
import { addDependencies } from './dependency';
import { listJs } from './scan-dist';

/** What Taro prints when its prebundle fails and it goes on without one ("prebundle failed, skipped"). */
export const TARO_PREBUNDLE_FAILED = '依赖预编译失败';

/** Every .js file of a build's output, as one text. */
export const distText = (dist: string): string =>
  listJs(dist)
    .map((file) => fs.readFileSync(file, 'utf8'))
    .join('\n');

/**
 * A copy of the example (`app`) whose node_modules links the example's and adds the two dependencies. Its production
 * builds are not minified: these tests read which calls went out and what the build said, which minifying does not
 * change, and Taro's terser and csso take a third of such a build's CPU.
 */
export async function copyWithDependencies(app: string): Promise<void> {
  await ensureExample();
  copyExampleApp(app);
  addDependencies(app, path.join(EXAMPLE, 'node_modules'), 'src/pages/memo/index.tsx');
  setMinified(app, false);
}

/**
 * A copy of the example with the two dependencies whose config says `to` where the example's
 * says `from`, made before the describe block's tests and removed after them; its webpack5 build.
 */
export function configVariant(name: string, from: string, to: string | ((app: string) => string)) {
  const app = path.join(TMP, `dependency-${name}-app-${process.pid}`);
  beforeAll(async () => {
    await copyWithDependencies(app);
    editConfig(app, from, typeof to === 'string' ? to : to(app));
  }, 30 * 60_000);
  afterAll(() => fs.rmSync(app, { recursive: true, force: true }));
  const build = (out: string, pluginOptions?: Record<string, unknown>) =>
    buildExample({
      appDir: app,
      platform: 'weapp',
      compiler: 'webpack5',
      out: `dist/e2e/${name}-${out}`,
      pluginOptions,
    });
  return { app, build };
}
