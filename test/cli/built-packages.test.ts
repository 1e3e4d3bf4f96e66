/**
 * A native mini-program that commits its `miniprogram_npm` (the output of WeChat's "build npm",
 * what the mini-program loads): a package there that calls a legacy API is named for a person by
 * the codemod and the audit, never rewritten; `node_modules` stays unread.
 */
import * as fs from 'fs';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitIn, writeTree } from '../helpers/temp-project';
import {
  assertBuilt,
  auditInProcess,
  auditJsonInProcess,
  cleanupProjects,
  gitStatus,
  makeProject,
  read,
  readBytes,
  WX_PAGE,
  type Tree,
  runJsonInProcess,
  mainInProcess,
} from './helpers';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

const SDK = `module.exports = {
  talk() {
    wx.startRecord({ success() {} });
  },
};
`;
/** A package that names the API without calling it: the pre-filter lets it through, the rewrite finds nothing. */
const QUIET_SDK = `// a wrapper once over wx.startRecord, now on the recorder manager
module.exports = { talk() { return wx.getRecorderManager(); } };
`;
const PAGE = `const sdk = require('voice-sdk');
Page({ onTap() { sdk.talk(); } });
`;
const SDK_FILE = 'miniprogram_npm/voice-sdk/index.js';
const WAY_OUT = `which the mini-program loads from miniprogram_npm; not edited there, as WeChat's "build npm" writes it again from node_modules: update or replace the package, or fork it`;

function miniProgram(extra: Tree = {}): string {
  return makeProject({
    'app.json': '{"pages":["pages/index/index"]}',
    'project.config.json': '{}',
    'pages/index/index.js': PAGE,
    ...extra,
  });
}

/** A report with what differs from run to run (the time taken) left out. */
const steady = (text: string) => text.replace(/\d+(\.\d+)?s\)/g, 's)');

describe('legacy calls in a committed miniprogram_npm', () => {
  it('--dry names each call with the package and the way out, and counts it as left for a person', async () => {
    const dir = miniProgram({ [SDK_FILE]: SDK });
    const r = await mainInProcess(dir, ['--dry', '--runtime', 'local', '.']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('left for a person: 1 place');
    expect(r.stdout).toContain(`    startRecord in package 'voice-sdk', ${WAY_OUT}\n      ${SDK_FILE}:3:5\n`);
    // --strict fails on it as on any place left for a person.
    expect((await mainInProcess(dir, ['--dry', '--strict', '--runtime', 'local', '.'])).code).toBe(1);
  });

  it('a writing run rewrites the app and leaves the package byte for byte, naming its call', async () => {
    const dir = miniProgram({ [SDK_FILE]: SDK, 'pages/rec/rec.js': WX_PAGE });
    const before = readBytes(dir, SDK_FILE);
    const r = await mainInProcess(dir, ['--runtime', 'local', '.']);
    expect(r.code).toBe(0);
    expect(read(dir, 'pages/rec/rec.js')).not.toBe(WX_PAGE);
    expect(readBytes(dir, SDK_FILE).equals(before)).toBe(true);
    expect(gitStatus(dir)).not.toContain('miniprogram_npm');
    expect(r.stdout).toContain('left for a person: 1 place');
    expect(r.stdout).toContain(`    startRecord in package 'voice-sdk', ${WAY_OUT}\n      ${SDK_FILE}:3:5\n`);
    // Named on the command line, the package's file or folder is read the same way, never rewritten.
    for (const named of [SDK_FILE, 'miniprogram_npm/voice-sdk']) {
      const again = await runJsonInProcess(dir, ['--force', '--runtime', 'local', named]);
      expect(
        again.report.manualReview.map((p: any) => p.path),
        named,
      ).toEqual([SDK_FILE]);
      expect(readBytes(dir, SDK_FILE).equals(before), named).toBe(true);
    }
  });

  it('--json lists the places, by package (a scoped one, in its dist folder too), under manualReview and the file', async () => {
    const scoped = 'miniprogram_npm/@acme/voice/dist/index.js';
    const dir = miniProgram({ [SDK_FILE]: SDK, [scoped]: SDK });
    const { code, report } = await runJsonInProcess(dir, ['--dry', '--runtime', 'local', '.']);
    expect(code).toBe(0);
    expect(report.summary.manualReview).toBe(2);
    expect(report.summary.changed).toBe(0);
    expect(report.manualReview).toEqual([
      { path: scoped, line: 3, column: 4, reason: `startRecord in package '@acme/voice', ${WAY_OUT}` },
      { path: SDK_FILE, line: 3, column: 4, reason: `startRecord in package 'voice-sdk', ${WAY_OUT}` },
    ]);
    expect(report.files.find((f: any) => f.path === SDK_FILE)).toMatchObject({
      status: 'unchanged',
      rewritten: [],
      manual: [{ line: 3 }],
    });
  });

  it('the audit lists the call as needing a person and exits 1, in text and --json', async () => {
    const dir = miniProgram({ [SDK_FILE]: SDK });
    const text = await auditInProcess(dir, ['.']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(
      `left for a person: 1 place\n  startRecord in package 'voice-sdk', ${WAY_OUT}\n    ${SDK_FILE}:3:5  wx.startRecord({ success() {} });\n`,
    );
    expect(text.stdout).toContain('\n  left for a person: 1 place\n');
    const json = await auditJsonInProcess(dir, ['.']);
    expect(json.code).toBe(1);
    expect(json.report.needsPerson).toBe(1);
    expect(json.report.findings).toEqual([
      expect.objectContaining({
        file: SDK_FILE,
        line: 3,
        column: 5,
        api: 'startRecord',
        status: 'manual',
        reason: `startRecord in package 'voice-sdk', ${WAY_OUT}`,
      }),
    ]);
  });

  it('the audit names the call once where a tsconfig also hands the package to the type checker', async () => {
    const dir = miniProgram({
      [SDK_FILE]: SDK,
      'tsconfig.json': '{"compilerOptions":{"allowJs":true,"checkJs":false,"noEmit":true},"include":["**/*"]}\n',
    });
    const { code, report } = await auditJsonInProcess(dir, ['.']);
    expect(code).toBe(1);
    expect(report.needsPerson).toBe(1);
    expect(report.findings).toEqual([
      expect.objectContaining({
        file: SDK_FILE,
        line: 3,
        status: 'manual',
        reason: `startRecord in package 'voice-sdk', ${WAY_OUT}`,
      }),
    ]);
    expect(report.rewriteOnly).toEqual([]);
  });

  it('a miniprogram_npm without a legacy call changes nothing in either report; a call added to it is named, the quiet packages not', async () => {
    const quiet: Tree = {
      'miniprogram_npm/quiet-sdk/index.js': QUIET_SDK,
      'miniprogram_npm/other/index.js': 'module.exports = 1;\n',
    };
    // The same folders under node_modules, which nobody reads: the reports are the same, word for word.
    const asInstalled: Tree = {
      'node_modules/quiet-sdk/index.js': QUIET_SDK,
      'node_modules/other/index.js': 'module.exports = 1;\n',
    };
    const built = miniProgram(quiet);
    const installed = miniProgram(asInstalled);
    for (const args of [
      ['--dry', '--runtime', 'local', '.'],
      ['audit', '.'],
    ]) {
      const a = await mainInProcess(built, args);
      const b = await mainInProcess(installed, args);
      expect(a.code, args.join(' ')).toBe(0);
      expect(steady(a.stdout)).toBe(steady(b.stdout));
      expect(a.stderr).toBe(b.stderr);
    }
    const withCall = miniProgram({ ...quiet, [SDK_FILE]: SDK });
    const { report } = await runJsonInProcess(withCall, ['--dry', '--runtime', 'local', '.']);
    expect(report.manualReview.map((p: any) => p.path)).toEqual([SDK_FILE]);
    expect(report.summary.scanned).toBe(2);
  });

  it('a legacy call under node_modules is still not read, beside the one named in miniprogram_npm', async () => {
    const dir = miniProgram({
      [SDK_FILE]: SDK,
      'node_modules/voice-sdk/index.js': SDK,
      'miniprogram_npm/voice-sdk/node_modules/dep/index.js': SDK,
    });
    const { report } = await runJsonInProcess(dir, ['--dry', '--runtime', 'local', '.']);
    expect(report.manualReview.map((p: any) => p.path)).toEqual([SDK_FILE]);
    expect(report.files.map((f: any) => f.path)).toEqual([SDK_FILE]);
    const audit = await auditJsonInProcess(dir, ['.']);
    expect(audit.report.findings.map((f: any) => f.file)).toEqual([SDK_FILE]);
  });

  it('a miniprogram_npm git ignores (not committed) is passed over as before; the same folder committed is read', async () => {
    const ignored = miniProgram({ '.gitignore': 'miniprogram_npm/\n', [SDK_FILE]: SDK, 'pages/rec/rec.js': WX_PAGE });
    expect((await runJsonInProcess(ignored, ['--dry', '--runtime', 'local', '.'])).report.manualReview).toEqual([]);
    const committed = miniProgram({ [SDK_FILE]: SDK, 'pages/rec/rec.js': WX_PAGE });
    expect(
      (await runJsonInProcess(committed, ['--dry', '--runtime', 'local', '.'])).report.manualReview.map(
        (p: any) => p.path,
      ),
    ).toEqual([SDK_FILE]);
  });

  it('a script git tracks although its rules ignore miniprogram_npm (force-added) is read as one committed is; the rest of the ignored folder is not', async () => {
    const dir = miniProgram({ '.gitignore': 'miniprogram_npm/\n', 'pages/rec/rec.js': WX_PAGE });
    writeTree(dir, { [SDK_FILE]: SDK, 'miniprogram_npm/other-sdk/index.js': SDK });
    gitIn(dir, 'add', '-f', SDK_FILE);
    gitIn(dir, 'commit', '-q', '-m', 'the voice sdk as built');
    expect(
      (await runJsonInProcess(dir, ['--dry', '--runtime', 'local', '.'])).report.manualReview.map((p: any) => p.path),
    ).toEqual([SDK_FILE]);
    // The same under a folder of miniprogram_npm that a rule ignores, and for a file a rule ignores.
    for (const rule of ['miniprogram_npm/voice-sdk/\n', 'miniprogram_npm/voice-sdk/index.js\n']) {
      fs.writeFileSync(path.join(dir, '.gitignore'), rule);
      gitIn(dir, 'commit', '-q', '-am', rule);
      expect(
        (await runJsonInProcess(dir, ['--dry', '--runtime', 'local', '.'])).report.manualReview.map((p: any) => p.path),
        rule,
      ).toEqual(['miniprogram_npm/other-sdk/index.js', SDK_FILE]);
    }
  });

  it('a package there that is a link out of the paths given is named as not followed, as a link anywhere else is', async () => {
    const shared = makeProject({ 'voice-sdk/index.js': SDK }, { git: false });
    const dir = miniProgram();
    fs.mkdirSync(path.join(dir, 'miniprogram_npm'));
    fs.symlinkSync(path.join(shared, 'voice-sdk'), path.join(dir, 'miniprogram_npm/voice-sdk'), 'dir');
    const { code, report } = await runJsonInProcess(dir, ['--dry', '--force', '--runtime', 'local', '.']);
    expect(code).toBe(0);
    expect(report.files.filter((f: any) => f.skipped).map((f: any) => [f.path, f.skipped.reason])).toEqual([
      ['miniprogram_npm/voice-sdk', 'link'],
    ]);
  });
});
