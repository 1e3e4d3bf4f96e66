/**
 * The built transform as a user runs it: `npx jscodeshift -t <built transform> <dir> --parser tsx`
 * over a folder of mixed legacy files. Needs `npm run build` first (`npm test` does it).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TRANSFORM, runJscodeshift } from '../helpers/jscodeshift';
import {
  copyFixtureInput,
  FIXTURES,
  declaredFixtureOptions,
  fixtureInputFiles,
  fixtureName,
  fixtureOptions,
  oneFileOutputOf,
  writeTaroPackageJson,
} from '../helpers/fixtures';

describe('jscodeshift CLI with the built transform', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'record-compat-jscodeshift-'));
  const routedDir = mkdtempSync(path.join(tmpdir(), 'record-compat-jscodeshift-routed-'));
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
    rmSync(routedDir, { recursive: true, force: true });
  });

  // Every fixture input, in one folder, under its plain name (voice.ts, page.jsx, …); the ones
  // declared with an option (__testfixtures__/options.json) in a folder per option: files of a
  // project with legacy record calls (routeRecorderManager), with legacy background-audio calls
  // (routeBackgroundAudioManager), on Taro < 3.3.1 (taroWrapper); one that chooses families
  // (families) in a folder of its own each, run with its --families.
  const declared = (name: string) => fixtureOptions(fixtureName(name));
  const isRouted = (name: string) => declared(name).routeRecorderManager === true;
  const isBgRouted = (name: string) => declared(name).routeBackgroundAudioManager === true;
  const isWrapped = (name: string) => declared(name).taroWrapper === true;
  const familiesOf = (name: string) => declared(name).families;
  const familyDirs = new Map<string, string>();
  const folderOfFamilies = (name: string) => {
    if (!familyDirs.has(name))
      familyDirs.set(name, mkdtempSync(path.join(tmpdir(), 'record-compat-jscodeshift-families-')));
    return familyDirs.get(name)!;
  };
  afterAll(() => {
    for (const folder of familyDirs.values()) rmSync(folder, { recursive: true, force: true });
  });
  const bgRoutedDir = mkdtempSync(path.join(tmpdir(), 'record-compat-jscodeshift-bg-routed-'));
  afterAll(() => rmSync(bgRoutedDir, { recursive: true, force: true }));
  const wrappedDir = mkdtempSync(path.join(tmpdir(), 'record-compat-jscodeshift-wrapped-'));
  afterAll(() => rmSync(wrappedDir, { recursive: true, force: true }));
  const names = fixtureInputFiles();
  for (const folder of [dir, routedDir, bgRoutedDir, wrappedDir]) writeTaroPackageJson(folder);
  for (const name of names) {
    const folder = familiesOf(name)
      ? folderOfFamilies(name)
      : isRouted(name)
        ? routedDir
        : isWrapped(name)
          ? wrappedDir
          : isBgRouted(name)
            ? bgRoutedDir
            : dir;
    if (familiesOf(name)) writeTaroPackageJson(folder);
    copyFixtureInput(name, folder);
  }

  it('runs every option a fixture declares, one folder each', () => {
    const foldered = ['routeRecorderManager', 'routeBackgroundAudioManager', 'taroWrapper', 'families'];
    for (const [name, options] of Object.entries(declaredFixtureOptions())) {
      expect(Object.keys(options).length, name).toBe(1);
      expect(foldered, name).toContain(Object.keys(options)[0]);
    }
  });

  // Under jscodeshift's --babel default: jscodeshift-babel.test.ts (it compiles the engine on every run).
  it('rewrites the folder exactly as the fixtures expect, whatever --parser says', async () => {
    expect(existsSync(TRANSFORM), 'run `npm run build` first').toBe(true);
    const stdout = (await runJscodeshift(['--parser', 'tsx', '--extensions', 'js,jsx,ts,tsx,vue', dir])).stdout;
    expect(stdout).toMatch(/0 errors/);
    for (const name of names.filter((n) => !isRouted(n) && !isWrapped(n) && !isBgRouted(n) && !familiesOf(n))) {
      // One file at a time: a canvas the codemod moves with its template is left for a person.
      const expected = oneFileOutputOf(name);
      expect(readFileSync(path.join(dir, fixtureName(name)), 'utf8'), name).toBe(expected);
    }
    // manual-review places and skipped JS-SDK files are reported on the console
    // jscodeshift's REP line names the file once, then the place in it
    expect(stdout).toContain(`REP ${path.join(dir, 'manual-dynamic-access.js')} `);
    expect(stdout).toMatch(/manual-dynamic-access\.js \d+:\d+: manual review: dynamic access on wx/);
    expect(stdout).not.toMatch(/manual-dynamic-access\.js\S* \S*manual-dynamic-access\.js/);
    expect(stdout).toMatch(/skipped: WeChat web JS-SDK code/);
    // a canvas moves only with its template, which one file's door does not see
    expect(stdout).toMatch(/canvas-wx-page\.js 5:\d+: manual review: the template is not visible to this door, /);
  });

  it("routes the app's own getRecorderManager with --routeRecorderManager, as the fixtures declared with it expect", async () => {
    const routed = names.filter(isRouted);
    expect(routed.length).toBeGreaterThanOrEqual(10);
    const stdout = (
      await runJscodeshift([
        '--extensions',
        'js,jsx,ts,tsx,vue',
        '--run-in-band',
        '--routeRecorderManager=true',
        routedDir,
      ])
    ).stdout;
    expect(stdout).toMatch(/0 errors/);
    expect(stdout).toMatch(new RegExp(`${routed.length} ok`));
    for (const name of routed) {
      const expected = readFileSync(path.join(FIXTURES, name.replace('.input.', '.output.')), 'utf8');
      expect(readFileSync(path.join(routedDir, fixtureName(name)), 'utf8'), name).toBe(expected);
    }
  });

  it("routes the app's own getBackgroundAudioManager with --routeBackgroundAudioManager, as the background-audio-manager-* fixtures expect", async () => {
    const routed = names.filter(isBgRouted);
    expect(routed.length).toBeGreaterThanOrEqual(2);
    const stdout = (
      await runJscodeshift([
        '--extensions',
        'js,jsx,ts,tsx,vue',
        '--run-in-band',
        '--routeBackgroundAudioManager=true',
        bgRoutedDir,
      ])
    ).stdout;
    expect(stdout).toMatch(/0 errors/);
    for (const name of routed) {
      const expected = readFileSync(path.join(FIXTURES, name.replace('.input.', '.output.')), 'utf8');
      expect(readFileSync(path.join(bgRoutedDir, fixtureName(name)), 'utf8'), name).toBe(expected);
    }
  });

  it('migrates only the families --families=<list> names, as the families-* fixtures expect, and says what it left per family', async () => {
    const chosen = names.filter((name) => familiesOf(name));
    expect(chosen.length).toBeGreaterThanOrEqual(1);
    // One run, of the first: each fixture is a run of its own, with its list.
    const [name] = chosen;
    const folder = folderOfFamilies(name);
    const stdout = (
      await runJscodeshift([
        '--extensions',
        'js,jsx,ts,tsx,vue',
        '--run-in-band',
        `--families=${familiesOf(name)!.join(',')}`,
        folder,
      ])
    ).stdout;
    expect(stdout).toMatch(/0 errors/);
    expect(readFileSync(path.join(folder, fixtureName(name)), 'utf8')).toBe(
      readFileSync(path.join(FIXTURES, name.replace('.input.', '.output.')), 'utf8'),
    );
    expect(stdout).toMatch(/left as chosen: \d+ calls? of /);
  });

  it("keeps Taro's wrapper with --taroWrapper, as the taro-wrapper-* fixtures expect", async () => {
    const wrapped = names.filter(isWrapped);
    expect(wrapped.length).toBeGreaterThanOrEqual(2);
    const stdout = (
      await runJscodeshift(['--extensions', 'js,jsx,ts,tsx,vue', '--run-in-band', '--taroWrapper=true', wrappedDir])
    ).stdout;
    expect(stdout).toMatch(/0 errors/);
    for (const name of wrapped) {
      const expected = readFileSync(path.join(FIXTURES, name.replace('.input.', '.output.')), 'utf8');
      expect(readFileSync(path.join(wrappedDir, fixtureName(name)), 'utf8'), name).toBe(expected);
    }
  });

  it("a misspelled option of ours is an error that names it and the allowed ones; jscodeshift's own options are not ours to judge", async () => {
    const misspelled = mkdtempSync(path.join(tmpdir(), 'record-compat-jscodeshift-options-'));
    try {
      const page = 'Page({ onLoad() { wx.getRecorderManager().start({}); wx.startRecord({}) } })\n';
      writeFileSync(path.join(misspelled, 'page.js'), page);
      const r = await runJscodeshift([
        '--run-in-band',
        '--routeRecorderManger=true',
        '--parser=tsx',
        '--extensions=js',
        '--ignore-pattern=**/x/**',
        misspelled,
      ]);
      expect(r.stdout).toMatch(/1 errors/);
      expect(r.stdout).toContain(
        '[taro-plugin-record-compat] invalid rewrite options: unknown option "routeRecorderManger"; allowed options are importSource, routeRecorderManager, routeBackgroundAudioManager, routeCanvasPixels, taroWrapper, families',
      );
      expect(readFileSync(path.join(misspelled, 'page.js'), 'utf8')).toBe(page);
      // spelled right, beside jscodeshift's own options, it routes
      const ok = await runJscodeshift([
        '--run-in-band',
        '--routeRecorderManager=true',
        '--parser=tsx',
        '--extensions=js',
        '--ignore-pattern=**/x/**',
        '--fail-on-error',
        '--verbose=0',
        misspelled,
      ]);
      expect(ok.stdout).toMatch(/1 ok/);
      const routed = readFileSync(path.join(misspelled, 'page.js'), 'utf8');
      expect(routed).toContain("var { startRecord, getRecorderManager } = require('record-compat-runtime/native')");
      expect(routed).not.toContain('wx.getRecorderManager');
    } finally {
      rmSync(misspelled, { recursive: true, force: true });
    }
  });

  it('a file that is not UTF-8 is an error left byte for byte (jscodeshift decodes it and would write the loss back); U+FFFD in a UTF-8 file is fine', async () => {
    const encodings = mkdtempSync(path.join(tmpdir(), 'record-compat-jscodeshift-encodings-'));
    try {
      const call = "wx.startRecord({ success(res) { console.log('%s', res.tempFilePath) } })\n";
      const chinese = Buffer.from([0xd6, 0xd0, 0xce, 0xc4]); // 中文 in GBK
      const files: Record<string, Buffer> = {
        'gbk.js': Buffer.concat([Buffer.from('// '), chinese, Buffer.from('\n' + call.replace('%s', 'x'))]),
        'utf16.js': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(call.replace('%s', 'x'), 'utf16le')]),
        'replacement-char.js': Buffer.from(call.replace('%s', '\uFFFD'), 'utf8'),
        'plain.js': Buffer.from(call.replace('%s', 'x'), 'utf8'),
      };
      for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(encodings, name), bytes);
      const r = await runJscodeshift(['--extensions', 'js', '--run-in-band', encodings]);
      expect(r.stdout).toMatch(/2 errors/);
      expect(r.stdout).toMatch(/2 ok/);
      expect(r.stdout).toContain(
        `${path.join(encodings, 'gbk.js')}: not valid UTF-8 (GBK or another encoding?): convert it to UTF-8 first`,
      );
      expect(r.stdout).toContain(
        `${path.join(encodings, 'utf16.js')}: not valid UTF-8 (UTF-16 LE): convert it to UTF-8 first`,
      );
      for (const name of ['gbk.js', 'utf16.js'])
        expect(readFileSync(path.join(encodings, name)).equals(files[name]), name).toBe(true);
      for (const name of ['replacement-char.js', 'plain.js'])
        expect(readFileSync(path.join(encodings, name), 'utf8'), name).toContain('record-compat-runtime');
      expect(readFileSync(path.join(encodings, 'replacement-char.js'), 'utf8')).toContain("console.log('\uFFFD'");
    } finally {
      rmSync(encodings, { recursive: true, force: true });
    }
  });

  it('a file the engine fails (does not parse, not UTF-8, cannot import the package) is said with its reason, without stack frames: a verdict, not a crash', async () => {
    const failing = mkdtempSync(path.join(tmpdir(), 'record-compat-jscodeshift-failing-'));
    try {
      writeFileSync(
        path.join(failing, 'conflict.js'),
        'wx.startRecord({})\n<<<<<<< HEAD\nwx.stopRecord()\n=======\n>>>>>>> other\n',
      );
      writeFileSync(
        path.join(failing, 'gbk.js'),
        Buffer.concat([
          Buffer.from('// '),
          Buffer.from([0xd6, 0xd0, 0xce, 0xc4]),
          Buffer.from('\nwx.startRecord({})\n'),
        ]),
      );
      mkdirSync(path.join(failing, 'miniprogram_npm', 'sdk'), { recursive: true });
      writeFileSync(path.join(failing, 'miniprogram_npm', 'sdk', 'index.js'), 'wx.startRecord({})\n');
      const r = await runJscodeshift(['--extensions', 'js', '--run-in-band', failing]);
      expect(r.stdout).toMatch(/3 errors/);
      expect(r.stdout).toContain(
        `${path.join(failing, 'conflict.js')}:2:4: Unexpected token (a merge conflict's markers are left in the file, line 2: resolve the conflict first)`,
      );
      expect(r.stdout).toContain(`${path.join(failing, 'gbk.js')}: not valid UTF-8`);
      expect(r.stdout).toContain(`${path.join(failing, 'miniprogram_npm', 'sdk', 'index.js')}: package 'sdk'`);
      expect(r.stdout + r.stderr).not.toMatch(/^\s+at /m);
    } finally {
      rmSync(failing, { recursive: true, force: true });
    }
  });

  it('a kind of file the rewrite does not take, handed over by --extensions, is skipped, with the reason where it names an API', async () => {
    const kinds = mkdtempSync(path.join(tmpdir(), 'record-compat-jscodeshift-kinds-'));
    try {
      const files: Record<string, string> = {
        'old.es6': 'wx.startRecord({})\n',
        'types.d.ts': 'export declare const rec: typeof wx.startRecord\n',
        'plain.es6': 'export const n = 1\n',
      };
      for (const [name, text] of Object.entries(files)) writeFileSync(path.join(kinds, name), text);
      const r = await runJscodeshift(['--extensions', 'es6,ts', '--run-in-band', kinds]);
      expect(r.stdout).toMatch(/3 skipped/);
      expect(r.stdout).toContain(
        `${path.join(kinds, 'old.es6')} skipped: not a script this tool rewrites (.es6 files are not migrated; it takes .js,`,
      );
      expect(r.stdout).toContain(
        `${path.join(kinds, 'types.d.ts')} skipped: not a script this tool rewrites (.d.ts declarations hold types, not calls: they are not migrated)`,
      );
      expect(r.stdout).not.toContain('plain.es6');
      for (const [name, text] of Object.entries(files))
        expect(readFileSync(path.join(kinds, name), 'utf8'), name).toBe(text);
    } finally {
      rmSync(kinds, { recursive: true, force: true });
    }
  });

  it('a file the codemod skips (minified, over 1 MB) is skipped with the reason and left byte for byte, as the codemod leaves it', async () => {
    const generated = mkdtempSync(path.join(tmpdir(), 'record-compat-jscodeshift-generated-'));
    try {
      const files: Record<string, string> = {
        'bundle.js':
          Array.from({ length: 100 }, (_, i) => `function f${i}(a,b){return a+b}var x${i}=f${i}(1,2);`).join('') +
          'wx.startRecord({});\n',
        'data.js': 'wx.startRecord({})\n' + `// ${'generated '.repeat(8)}\n`.repeat(14 * 1024),
        'page.js': 'wx.stopRecord()\n',
      };
      for (const [name, text] of Object.entries(files)) writeFileSync(path.join(generated, name), text);
      const r = await runJscodeshift(['--extensions', 'js', '--run-in-band', generated]);
      expect(r.stdout).toMatch(/2 skipped/);
      expect(r.stdout).toMatch(/1 ok/);
      expect(r.stdout).toContain(
        `${path.join(generated, 'bundle.js')} skipped: minified or bundled code (long lines): not migrated`,
      );
      expect(r.stdout).toContain(
        `${path.join(generated, 'data.js')} skipped: too large to migrate (1.1 MB, the limit is 1 MB): generated or bundled code`,
      );
      for (const name of ['bundle.js', 'data.js'])
        expect(readFileSync(path.join(generated, name), 'utf8'), name).toBe(files[name]);
      expect(readFileSync(path.join(generated, 'page.js'), 'utf8')).toContain('record-compat-runtime/native');
    } finally {
      rmSync(generated, { recursive: true, force: true });
    }
  });

  it("a package WeChat's npm build wrote into miniprogram_npm is an error left byte for byte (the next build npm would write it again); the app's page beside it is rewritten", async () => {
    const app = mkdtempSync(path.join(tmpdir(), 'record-compat-jscodeshift-built-'));
    try {
      const sdk = 'module.exports = { talk() { wx.startRecord({ success() {} }) } }\n';
      writeFileSync(
        path.join(app, 'package.json'),
        JSON.stringify({ name: 'app', dependencies: { 'voice-sdk': '1.0.0' } }),
      );
      mkdirSync(path.join(app, 'miniprogram_npm', 'voice-sdk'), { recursive: true });
      writeFileSync(path.join(app, 'miniprogram_npm', 'voice-sdk', 'index.js'), sdk);
      writeFileSync(path.join(app, 'page.js'), 'wx.stopRecord()\n');
      const r = await runJscodeshift(['--extensions', 'js', '--run-in-band', app]);
      expect(r.stdout).toMatch(/1 errors/);
      expect(r.stdout).toContain(
        `${path.join(app, 'miniprogram_npm', 'voice-sdk', 'index.js')}: package 'voice-sdk', which the mini-program loads from miniprogram_npm; not edited there, as WeChat's "build npm" writes it again from node_modules`,
      );
      expect(readFileSync(path.join(app, 'miniprogram_npm', 'voice-sdk', 'index.js'), 'utf8')).toBe(sdk);
      expect(readFileSync(path.join(app, 'page.js'), 'utf8')).toContain('record-compat-runtime/native');
    } finally {
      rmSync(app, { recursive: true, force: true });
    }
  });
});
