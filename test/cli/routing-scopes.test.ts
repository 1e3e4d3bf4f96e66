/**
 * The routing of the app's own managers is decided per scope, not per run (src/rewrite/project/routing.ts,
 * ScopedRouting; docs/contract.md, Decisions R12 and B4): a native mini-program, else a Taro
 * project, else every other file of the run together. A run over a folder of several
 * mini-programs leaves the manager code of one without a legacy call exactly as a run over that
 * mini-program alone would: byte for byte, with no runtime copy written into it. Planned on the
 * main thread and on the planning thread alike.
 */
import * as fs from 'fs';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  cleanupProjects,
  makeProject,
  readBytes,
  runCliAsync,
  runJsonInProcess,
  type Tree,
} from './helpers';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

const APP_JSON = JSON.stringify({ pages: ['pages/p/p'] });
const LEGACY_PAGE =
  "Page({\n  play() {\n    wx.playBackgroundAudio({ dataUrl: 'https://x/a.mp3', title: 'a' })\n  },\n  rec() {\n    wx.startRecord({})\n  }\n})\n";
const OWN_PAGE =
  "const bgm = wx.getBackgroundAudioManager()\nconst rec = wx.getRecorderManager()\nPage({\n  play() {\n    bgm.title = 'b'\n    bgm.src = 'https://x/b.mp3'\n    rec.start({})\n  }\n})\n";
const COPY = 'utils/record-compat.js';

/**
 * Runs the command with --json on `dir`, on the thread asked for; the report and the exit code. The main thread's
 * run is this process's (where planning is on the main thread); the planning thread exists only in the bin (dist/).
 */
async function run(
  dir: string,
  args: string[],
  thread: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; report: any }> {
  if (thread === 'main') return runJsonInProcess(dir, args);
  const r = await runCliAsync(dir, [...args, '--json'], { RECORD_COMPAT_PLAN_THREAD: thread, ...env });
  try {
    return { code: r.code, report: JSON.parse(r.stdout) };
  } catch {
    throw new Error(`--json did not print JSON (exit ${r.code}):\n${r.stdout}\n${r.stderr}`);
  }
}

const changedFiles = (report: any): string[] =>
  report.files
    .filter((f: any) => f.status === 'changed')
    .map((f: any) => f.path)
    .sort();

/** A copy of the tree's bytes under `under`. */
function bytesUnder(dir: string, files: Tree, under: string): Record<string, Buffer> {
  return Object.fromEntries(
    Object.keys(files)
      .filter((f) => f.startsWith(under))
      .map((f) => [f, readBytes(dir, f)]),
  );
}

const RUNTIMES = [
  ['package', []],
  ['local', ['--runtime', 'local']],
] as const;
const CASES = RUNTIMES.flatMap(([runtime, args]) => ['main', 'worker'].map((thread) => ({ runtime, args, thread })));

describe('two native mini-programs in one run: appA has legacy calls, appB only its own managers', () => {
  it.each(CASES)(
    'leaves appB byte for byte, with no runtime copy in it (--runtime $runtime, planned on the $thread thread)',
    async ({ args, thread }) => {
      const files: Tree = {
        // npm installs the package for the mini-programs a bundler builds (without it, --runtime package refuses them)
        'package.json': '{ "name": "apps", "private": true }\n',
        'appA/app.json': APP_JSON,
        'appA/pages/p/p.js': LEGACY_PAGE,
        'appB/app.json': APP_JSON,
        'appB/app.js': 'App({})\n',
        'appB/pages/p/p.js': OWN_PAGE,
      };
      const dir = makeProject(files);
      const before = bytesUnder(dir, files, 'appB/');
      const { code, report } = await run(dir, ['.', ...args], thread);
      expect(code).toBe(0);
      expect(changedFiles(report)).toEqual(['appA/pages/p/p.js']);
      // "Routed in at least one scope": appA routes both, were its own managers there.
      expect([report.routeRecorderManager, report.routeBackgroundAudioManager]).toEqual([true, true]);
      expect(bytesUnder(dir, files, 'appB/')).toEqual(before);
      expect(fs.existsSync(path.join(dir, 'appB', COPY))).toBe(false);
      if (args.length > 0) expect(fs.existsSync(path.join(dir, 'appA', COPY))).toBe(true);
      // The same as a run over appB alone (--dry: appA's changes are not committed).
      const alone = await run(path.join(dir, 'appB'), ['.', '--dry', ...args], thread);
      expect(changedFiles(alone.report)).toEqual([]);
    },
  );

  // Many pages in appB, and on the planning thread a thread slow to start, so that the main thread plans a share of them
  // too (pipeline.ts, MAIN_HELPS_FROM).
  it.each(['main', 'worker'])(
    'leaves every page of appB alone when there are many (planned on the %s thread)',
    async (thread) => {
      const files: Tree = { 'appA/app.json': APP_JSON, 'appA/pages/p/p.js': LEGACY_PAGE, 'appB/app.json': APP_JSON };
      for (let i = 0; i < 40; i++) files[`appB/pages/p${String(i).padStart(2, '0')}/p.js`] = OWN_PAGE;
      const dir = makeProject(files);
      const before = bytesUnder(dir, files, 'appB/');
      const { code, report } = await run(dir, ['.', '--runtime', 'local'], thread, {
        RECORD_COMPAT_TEST_WORKER_FAULT: 'slow@1',
      });
      expect(code).toBe(0);
      expect(changedFiles(report)).toEqual(['appA/pages/p/p.js']);
      expect(bytesUnder(dir, files, 'appB/')).toEqual(before);
      expect(fs.existsSync(path.join(dir, 'appB', COPY))).toBe(false);
    },
  );

  it.each(['main', 'worker'])(
    "routes appB's own managers when appB has a legacy call of its own, after them in the walk (planned on the %s thread)",
    async (thread) => {
      const files: Tree = {
        'appA/app.json': APP_JSON,
        'appA/pages/p/p.js': OWN_PAGE,
        'appB/app.json': APP_JSON,
        // Walked before the legacy page of its mini-program: its plan waits for appB's decision.
        'appB/pages/a/a.js': OWN_PAGE,
        'appB/pages/z/z.js': LEGACY_PAGE,
      };
      const dir = makeProject(files);
      const before = bytesUnder(dir, files, 'appA/');
      const { code, report } = await run(dir, ['.', '--runtime', 'local'], thread);
      expect(code).toBe(0);
      expect(changedFiles(report)).toEqual(['appB/pages/a/a.js', 'appB/pages/z/z.js']);
      const own = readBytes(dir, 'appB/pages/a/a.js').toString('utf8');
      expect(own).toContain(
        "const { getRecorderManager, getBackgroundAudioManager } = require('../../utils/record-compat')\n",
      );
      expect(fs.existsSync(path.join(dir, 'appB', COPY))).toBe(true);
      // appA, which has no legacy call, is left alone.
      expect(bytesUnder(dir, files, 'appA/')).toEqual(before);
      expect(fs.existsSync(path.join(dir, 'appA', COPY))).toBe(false);
    },
  );
});

describe('two Taro projects in one folder', () => {
  const pkg = (name: string) => JSON.stringify({ name, private: true, dependencies: { '@tarojs/taro': '3.6.0' } });
  const OWN_TARO =
    "import Taro from '@tarojs/taro'\nconst rec = Taro.getRecorderManager()\nexport const start = () => rec.start({})\n";
  const LEGACY_TARO = "import Taro from '@tarojs/taro'\nexport const start = () => Taro.startRecord({})\n";

  it.each(['main', 'worker'])(
    "decides each project's routing over its own files (planned on the %s thread)",
    async (thread) => {
      const files: Tree = {
        'one/package.json': pkg('one'),
        'one/src/pages/own.js': OWN_TARO,
        'one/src/pages/rec.js': LEGACY_TARO,
        'two/package.json': pkg('two'),
        'two/src/pages/own.js': OWN_TARO,
        // A package.json of its own inside the project (a copied SDK) does not make a scope.
        'two/src/sdk/package.json': JSON.stringify({ name: 'sdk' }),
        'two/src/sdk/player.js': OWN_TARO,
      };
      const dir = makeProject(files);
      const before = bytesUnder(dir, files, 'two/');
      const { code, report } = await run(dir, ['.'], thread);
      expect(code).toBe(0);
      expect(changedFiles(report)).toEqual(['one/src/pages/own.js', 'one/src/pages/rec.js']);
      expect(readBytes(dir, 'one/src/pages/own.js').toString('utf8')).toContain("from 'record-compat-runtime'");
      expect(bytesUnder(dir, files, 'two/')).toEqual(before);
    },
  );
});

describe('files in no mini-program or Taro project', () => {
  it.each(['main', 'worker'])(
    'are still decided together, as one scope of the run (planned on the %s thread)',
    async (thread) => {
      const files: Tree = {
        'lib/a/own.js': OWN_PAGE,
        'lib/b/legacy.js': LEGACY_PAGE,
        'shared/player.js': OWN_PAGE,
        // A mini-program beside them is a scope of its own: their legacy calls do not route it.
        'appB/app.json': APP_JSON,
        'appB/pages/p/p.js': OWN_PAGE,
      };
      const dir = makeProject(files);
      const before = bytesUnder(dir, files, 'appB/');
      const { code, report } = await run(dir, ['.'], thread);
      expect(code).toBe(0);
      expect(changedFiles(report)).toEqual(['lib/a/own.js', 'lib/b/legacy.js', 'shared/player.js']);
      expect(readBytes(dir, 'shared/player.js').toString('utf8')).toMatch(
        /^(?:const|var) \{ (?:\w+, )*getRecorderManager(?:, \w+)* \} = require\('record-compat-runtime\/native'\)$/m,
      );
      expect(bytesUnder(dir, files, 'appB/')).toEqual(before);
    },
  );
});

describe('a project migrated a file at a time (an editor quick fix, lint-staged)', () => {
  it("routes the app's own managers where the legacy calls are already the runtime's: it still drives the one recorder", async () => {
    const dir = makeProject({
      'package.json': '{ "name": "half", "dependencies": { "@tarojs/taro": "3.6.40" } }\n',
      // migrated before: the legacy calls are gone, the runtime's functions took their place
      'src/voice.js':
        "import { startRecord, stopRecord } from 'record-compat-runtime'\nexport const hold = () => startRecord({})\nexport const release = () => stopRecord()\n",
      'src/meter.js': "import Taro from '@tarojs/taro'\nexport const recorder = Taro.getRecorderManager()\n",
    });
    const { code, report } = await run(dir, ['src'], 'main');
    expect(code).toBe(0);
    expect(changedFiles(report)).toEqual(['src/meter.js']);
    expect(report.routeRecorderManager).toBe(true);
    expect(fs.readFileSync(path.join(dir, 'src/meter.js'), 'utf8')).toContain(
      "import { getRecorderManager } from 'record-compat-runtime'",
    );
  });
});
