/*
 * A dependency that calls the legacy API, through the build plugin's door, end to end: a copy of
 * examples/taro-app (Taro 4, React) whose memo page imports a package under node_modules that
 * calls `wx.startRecord` / `wx.stopRecord` (as recording SDKs did), beside one that only names
 * the APIs in a table. Taro compiles the app's source, not node_modules, so the call reaches
 * the mini-program as written unless the package is in `include`. Built by webpack5 and vite:
 * - without `include`: the build names the package in a line of its own, with its two calls and
 *   the `include` that rewrites them, and dist/ still holds the call (what the summary says is
 *   what went out);
 * - with `strict`: the package is no place for a person: the build fails for the two places below alone;
 * - with `include: ['legacy-recorder-sdk']`: the calls are rewritten, nothing is named, and
 *   dist/ holds no `wx.startRecord(` call.
 * The copy links every package of the example's node_modules and adds the two of its own
 * (helpers/dependency.ts). It also has a native SDK folder that Taro's copy option copies without
 * compiling it: its call is named the same way (the codemod as the way out), and fails a strict build;
 * `include` does not reach it. And a module of its own source keeps Taro in a lookup table, a call the
 * rewrite leaves to a person: listed with the SDK's, file:line. The same copy is served by vite's H5 dev
 * server (the last block).
 * Taro's prebundle: dependency-prebundle.test.ts; a real UI library, scripts Taro does not compile and
 * webpack's persistent cache: dependency-webpack5.test.ts; Taro 2 (webpack 4, its own loader): taro2.test.ts.
 */
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  TMP,
  buildExample,
  cleanEnv,
  expectedSummary,
  packageLines,
  summaryLines,
  watchExample,
  type RunResult,
} from './helpers/example';
import {
  addCopiedSdk,
  COPIED_SDK_CALL,
  COPIED_SDK_DIR,
  COPIED_SDK_HINT,
  COPIED_SDK_PLACE,
  LEGACY_SDK,
  LEGACY_SDK_CALL,
  LEGACY_SDK_LINE,
} from './helpers/dependency';
import { copyWithDependencies, distText } from './helpers/dependency-app';

const APP = path.join(TMP, `dependency-app-${process.pid}`);
const SDK = LEGACY_SDK;

/**
 * A module of the app's own source with a call the rewrite cannot change safely: Taro kept in a lookup table, so the
 * call goes through `api.rec`. The memo page imports it.
 */
const TABLE_HELPER = 'src/utils/legacy-helper.ts';
const TABLE_HELPER_CODE = [
  "import Taro from '@tarojs/taro'",
  '',
  '// Taro kept in a lookup table: the call goes through api.rec.',
  'const api = { rec: Taro }',
  '',
  'export function recordFromTable(done: (path: string) => void) {',
  '  api.rec.startRecord({ success: (res) => done(res.tempFilePath) })',
  '}',
  '',
];
/** The lines a build may name for it: the call, or the place Taro escapes into the object. */
const TABLE_HELPER_LINES = ['api.rec.startRecord', 'rec: Taro'].map(
  (text) => TABLE_HELPER_CODE.findIndex((line) => line.includes(text)) + 1,
);
/** The lines of the helper a build's output names. */
const helperLinesNamed = (text: string) =>
  text
    .split(`${TABLE_HELPER}:`)
    .slice(1)
    .map((after) => Number(/^\d+/.exec(after)?.[0]));

/**
 * How a summary line ends when it names the two places left for a person: the copied SDK's and one of the helper's
 * lines (the one `line` names, checked to be one of them).
 */
function placesLeft(line: string): string {
  const named = helperLinesNamed(line);
  expect(named).toHaveLength(1);
  expect(TABLE_HELPER_LINES).toContain(named[0]);
  return `; 2 places left for manual review: ${COPIED_SDK_PLACE}, ${TABLE_HELPER}:${named[0]} ${COPIED_SDK_HINT}`;
}

function addTableHelper(app: string): void {
  fs.mkdirSync(path.join(app, path.dirname(TABLE_HELPER)), { recursive: true });
  fs.writeFileSync(path.join(app, TABLE_HELPER), TABLE_HELPER_CODE.join('\n'));
  const page = path.join(app, 'src/pages/memo/index.tsx');
  const src = fs.readFileSync(page, 'utf8');
  fs.writeFileSync(
    page,
    `import { recordFromTable } from '../../utils/legacy-helper'\n${src.replace('const MEMO_MS', 'export const fromTable = recordFromTable\nconst MEMO_MS')}`,
  );
}

beforeAll(async () => {
  await copyWithDependencies(APP);
  addCopiedSdk(APP);
  addTableHelper(APP);
}, 30 * 60_000);

afterAll(() => fs.rmSync(APP, { recursive: true, force: true }));

describe.each(['webpack5', 'vite'] as const)('a dependency that calls startRecord, %s', (compiler) => {
  const build = (out: string, pluginOptions?: Record<string, unknown>): Promise<RunResult & { dist: string }> =>
    buildExample({ appDir: APP, platform: 'weapp', compiler, out: `dist/e2e/${compiler}-${out}`, pluginOptions });
  // The app's own calls, as every build of the example rewrites them.
  const ownCalls = () => expectedSummary(path.join(APP, 'src'), 5).replace('; nothing left for manual review', '');

  it(
    'is named in a line of its own with its calls and the include that rewrites them, and goes out as written; the summary lists the places left for a person, file:line',
    async () => {
      const b = await build('default');
      expect(b.code, b.output.slice(-4000)).toBe(0);
      const summary = summaryLines(b.output);
      expect(summary).toHaveLength(1);
      expect(summary).toEqual([`${ownCalls()}${placesLeft(summary[0])}`]);
      expect(packageLines(b.output)).toEqual([LEGACY_SDK_LINE]);
      expect(distText(b.dist)).toMatch(LEGACY_SDK_CALL);
      // the copy went out as written
      expect(fs.readFileSync(path.join(b.dist, 'native-sdk/recorder.js'), 'utf8')).toMatch(COPIED_SDK_CALL);
    },
    10 * 60_000,
  );

  it(
    "fails a strict build with the reasons: the copied SDK and the helper's call, not the package left out of include",
    async () => {
      const b = await build('strict', { strict: true });
      expect(b.code).not.toBe(0);
      expect(b.output).toContain('[record-compat] strict: 2 places');
      expect(b.output).not.toContain(`node_modules/${SDK}/index.js:3`);
      expect(helperLinesNamed(b.output).some((line) => TABLE_HELPER_LINES.includes(line))).toBe(true);
      expect(b.output).toContain(
        `${COPIED_SDK_PLACE}:37 playVoice in a file Taro's copy option copies (from '${COPIED_SDK_DIR}/'), which this build does not compile: migrate it with \`npx taro-plugin-record-compat --runtime local=${COPIED_SDK_DIR}/record-compat.js ${COPIED_SDK_DIR}/\``,
      );
    },
    10 * 60_000,
  );

  it(
    'strict while watching: a warning with the reasons, and the watcher goes on',
    async () => {
      const w = await watchExample({
        appDir: APP,
        platform: 'weapp',
        compiler,
        out: `dist/e2e/${compiler}-watch-strict`,
        timeoutMs: 5 * 60_000,
        lingerMs: 3_000,
        pluginOptions: { strict: true },
      });
      expect(w.alive, w.output.slice(-4000)).toBe(true);
      expect(w.output).toContain('[record-compat] strict: 2 places');
      expect(w.output).toContain('(a warning while watching: the same build without --watch fails)');
      expect(summaryLines(w.output)).toHaveLength(1);
      expect(packageLines(w.output)).toEqual([LEGACY_SDK_LINE]);
    },
    10 * 60_000,
  );

  it(
    'is rewritten once listed in include; the copied SDK and the helper are still named',
    async () => {
      const b = await build('include', { include: [SDK] });
      expect(b.code, b.output.slice(-4000)).toBe(0);
      const [line] = summaryLines(b.output);
      expect(line).toMatch(
        /^\[record-compat\] rewrote \d+ legacy record calls, .* in 6 files \(routed through the runtime: getRecorderManager, as src\/pages\/classic\/index\.tsx has legacy record calls\); /,
      );
      expect(line.endsWith(placesLeft(line))).toBe(true);
      expect(packageLines(b.output)).toEqual([]);
      expect(distText(b.dist)).not.toMatch(LEGACY_SDK_CALL);
    },
    10 * 60_000,
  );
});

/*
 * vite's dev server (Taro's H5 `taro build --type h5 --watch` on vite) pre-bundles the app's
 * dependencies with esbuild before any vite plugin transforms them. A package in `include` is
 * rewritten inside that pre-bundling, and imports the same runtime module as the app's pages
 * (one recorder); without `include` it is served as written.
 */
describe("a dependency that calls startRecord, vite's H5 dev server", () => {
  /**
   * Starts the dev server, then hands `look` a reader of the page module and the SDK's pre-bundled
   * module as the browser gets them (once the page names the SDK's); stops the server after.
   */
  async function withDevServer(
    pluginOptions: Record<string, unknown>,
    look: (read: () => Promise<{ page: string; sdk: string; runtime: string | undefined }>) => Promise<void>,
  ): Promise<void> {
    fs.rmSync(path.join(APP, 'node_modules/.vite'), { recursive: true, force: true });
    const env = cleanEnv({ TARO_COMPILER: 'vite', RECORD_COMPAT_OPTIONS: JSON.stringify(pluginOptions) });
    const server = spawn(
      process.execPath,
      [path.join(APP, 'node_modules/@tarojs/cli/bin/taro'), 'build', '--type', 'h5', '--watch'],
      { cwd: APP, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    server.stdout.on('data', (d) => (output += d));
    server.stderr.on('data', (d) => (output += d));
    try {
      const base = await until(
        () => /Local:\s+(http:\/\/localhost:\d+)\//.exec(output)?.[1],
        () => output,
      );
      const get = async (url: string) => (await fetch(`${base}${url}`)).text();
      const read = async () => {
        const page = await get('/pages/memo/index.tsx');
        const sdkUrl = /"(\/@fs\/[^"]*\/\.vite\/deps\/legacy-recorder-sdk\.js\?v=[^"]+)"/.exec(page)?.[1];
        if (!sdkUrl)
          throw new Error(`the page does not import the SDK's pre-bundled module yet:\n${page.slice(0, 2000)}`);
        // The runtime as the page imports it: vite pre-bundles record-compat-runtime like any package.
        const runtimeUrl = /"(\/@fs\/[^"]*\/\.vite\/deps\/record-compat-runtime\.js\?v=[^"]+)"/.exec(page)?.[1];
        return { page, sdk: await get(sdkUrl), runtime: runtimeUrl ? await get(runtimeUrl) : undefined };
      };
      await until(
        () => read(),
        () => output,
      );
      await look(read);
    } finally {
      process.kill(-server.pid!, 'SIGKILL');
    }
  }

  /**
   * The module that holds the runtime a pre-bundled SDK imports: esbuild puts the runtime, which
   * the SDK and the page both import, in a chunk of vite's deps, named by the file (its ?v= aside).
   */
  const runtimeOf = (sdk: string) =>
    /import \{[^}]*\binit_record_compat_runtime\b[^}]*\} from "[^"]*\/(chunk-[\w-]+\.js)\?/.exec(sdk)?.[1];
  /** Whether the runtime module the page imports is (or re-exports) that chunk. */
  const sameRuntime = (chunk: string | undefined, runtime: string | undefined) =>
    chunk !== undefined &&
    runtime !== undefined &&
    new RegExp(`from "[^"]*\\/${chunk.replace('.', '\\.')}\\?`).test(runtime);

  /** Polls `probe` until it gives a value (or `ms` pass: then fails with what `said` says). */
  async function until<T>(
    probe: () => T | undefined | Promise<T | undefined>,
    said: () => string,
    ms = 120_000,
  ): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const value = await Promise.resolve(probe()).catch(() => undefined);
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`the dev server did not get there:\n${said().slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }

  it(
    'serves the package rewritten once it is listed in include, importing the runtime the pages import',
    async () => {
      await withDevServer({ include: [SDK] }, async (read) => {
        // vite pre-bundles again what its first scan missed (the runtime the rewritten page imports);
        // once that settles, the page and the SDK name one runtime module.
        const { sdk, runtime } = await until(
          async () => {
            const now = await read();
            return sameRuntime(runtimeOf(now.sdk), now.runtime) ? now : undefined;
          },
          () => 'the page and the pre-bundled SDK never imported the same runtime module',
        );
        expect(sdk).not.toMatch(LEGACY_SDK_CALL);
        expect(sdk).toMatch(/\bstartRecord\(\{ success/);
        expect(sameRuntime(runtimeOf(sdk), runtime)).toBe(true);
      });
    },
    10 * 60_000,
  );

  it(
    'serves it as written without include',
    async () => {
      await withDevServer({}, async (read) => {
        const { sdk } = await read();
        expect(sdk).toMatch(LEGACY_SDK_CALL);
        expect(runtimeOf(sdk)).toBeUndefined();
      });
    },
    10 * 60_000,
  );
});
