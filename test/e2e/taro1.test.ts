/**
 * Taro 1.3: Taro 1 has no plugins, so its door is the codemod. The Taro 2 example's source
 * (examples/taro2-app/src: class components from @tarojs/taro, Taro.startRecord with callbacks
 * and with the Promise Taro 1 returned, the background-audio API) in a Taro 1.3 project
 * (test/e2e/taro1/: package.json, its lock, Taro 1's config), installed with this package as a
 * dependency the way a user adds it, migrated by the built CLI in its own git repository, built
 * by @tarojs/cli 1.3.46 (Babel 6; Taro 1 copies each npm file into dist/npm/ and resolves its
 * requires itself, no bundler), and driven in the mini-program host on a `wx` without the
 * legacy functions.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ROOT,
  RUNTIME_MARKER,
  TARO2_EXAMPLE,
  TMP,
  assembleProject,
  buildExample,
  countCallsInSource,
  countLegacyCallsInSource,
  ensureExample,
  installedVersion,
  lockDrift,
  migrateCopyWithCli,
  setMinified,
  type MigrationReport,
  type RunResult,
} from './helpers/example';
import { testPromisePages } from './helpers/promise-pages';
import { scanDist, type DistScan } from './helpers/scan-dist';

const PROJECT_FILES = path.join(__dirname, 'taro1');
const APP = path.join(TMP, 'taro1-app');
const CODEMOD = path.join(TMP, `taro1-codemod-${process.pid}`);

/** Taro 1 exits 0 when a page fails to compile; its verdict is a line starting with 错误 ("error"). */
const taro1Succeeded = (b: RunResult) => b.code === 0 && !/^错误/m.test(b.output);

let migrated: { report: MigrationReport; build: RunResult & { dist: string }; scan: DistScan } | undefined;
const codemod = () => {
  if (!migrated) throw new Error('the codemod run did not happen');
  return migrated;
};
const version = (pkg: string): string => installedVersion(APP, pkg);

beforeAll(async () => {
  // The app's source and WeChat project file are the Taro 2 example's; package files and config are Taro 1's.
  assembleProject(APP, PROJECT_FILES, TARO2_EXAMPLE, ['src', 'project.config.json', '.npmrc']);
  fs.rmSync(path.join(APP, 'config'), { recursive: true, force: true });
  fs.cpSync(path.join(PROJECT_FILES, 'config'), path.join(APP, 'config'), { recursive: true });
  // Unminified: the build is read for which calls went out, where the runtime was copied and how the pages run, none
  // of which Taro 1's uglify and csso change.
  setMinified(APP, false);
  // npm resolves this package's peer range against Taro 1.3 here: a range that leaves Taro 1 out fails the install.
  await ensureExample(APP);
  const report = await migrateCopyWithCli(APP, CODEMOD, [
    'src',
    'config',
    'project.config.json',
    'package.json',
    '.npmrc',
  ]);
  const build = await buildExample({
    appDir: CODEMOD,
    platform: 'weapp',
    compiler: 'webpack4',
    out: 'dist/e2e/weapp',
    plugin: false,
  });
  console.log(
    `[e2e] taro 1.3 build of the CLI-migrated app, weapp: ${(build.ms / 1000).toFixed(1)} s, exit ${build.code}`,
  );
  if (!taro1Succeeded(build))
    throw new Error(`the Taro 1 build of the migrated app failed:\n${build.output.slice(-6000)}`);
  migrated = { report, build, scan: scanDist(build.dist, RUNTIME_MARKER) };
}, 1_800_000);
afterAll(() => {
  fs.rmSync(CODEMOD, { recursive: true, force: true });
});

it("the Taro 1 project's lock matches this package's dependencies (else refresh test/e2e/taro1/package-lock.json)", () => {
  expect(lockDrift(APP)).toEqual([]);
});

it('is Taro 1.3, with this package installed as a dependency beside it', () => {
  expect(version('@tarojs/cli')).toMatch(/^1\.3\./);
  expect(version('@tarojs/taro')).toMatch(/^1\.3\./);
  expect(version('taro-plugin-record-compat')).toBe(
    JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).version,
  );
});

describe('the codemod (CLI) on the Taro 1 project, built by Taro 1.3', () => {
  it("reads the project's Taro (1.3): Taro.* calls of the wrapped APIs become the …Wrapped exports, wx.* calls keep WeChat's rule", () => {
    const { record, voice, backgroundAudio, audio, systemInfo, backgroundAudioManager } = countCallsInSource(
      path.join(APP, 'src'),
    );
    expect(codemod().report.summary.callsByKind).toEqual({
      record,
      voice,
      audio,
      backgroundAudio,
      systemInfo,
      backgroundAudioManager,
      // The families that migrate in place, listed whatever their count: the project calls none of them.
      base64: 0,
      rename: 0,
      lifetimes: 0,
      canvas: 0,
    });
    expect(countLegacyCallsInSource(path.join(CODEMOD, 'src'))).toBe(0);
    const page = (name: string) => fs.readFileSync(path.join(CODEMOD, 'src/pages', name, 'index.jsx'), 'utf8');
    expect(page('takes')).toMatch(
      /import \{ startRecordWrapped, stopRecord, playVoiceWrapped \} from 'record-compat-runtime'/,
    );
    expect(page('music')).toMatch(/\bseekBackgroundAudioWrapped\(/);
    expect(page('classic')).not.toMatch(/Wrapped/);
  });

  it('Taro 1 copies the runtime into dist/npm/ and resolves it: no legacy call left, the runtime once', () => {
    expect(codemod().scan.legacy).toEqual([]);
    expect(codemod().scan.runtimeFiles).toHaveLength(1);
    expect(path.relative(codemod().build.dist, codemod().scan.runtimeFiles[0])).toMatch(
      /^npm\/record-compat-runtime\//,
    );
    expect(codemod().build.output).toMatch(/NPM文件\s+dist(?:\/e2e\/weapp)?\/npm\/record-compat-runtime\//);
  });
});

describe("Taro 1's Promise kept by the migration, on a wx without the legacy functions", () => {
  testPromisePages(() => codemod().build.dist);
});
