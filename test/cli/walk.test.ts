import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  assertBuilt,
  auditInProcess,
  BIN,
  cleanupProjects,
  commitAll,
  gitStatus,
  mainInProcess,
  makeProject,
  migrateInProcess,
  PLAIN,
  read,
  runCliAsync,
  WX_PAGE,
  runJsonInProcess,
} from './helpers';
import { gitIn } from '../helpers/temp-project';
import { walkStoppably } from '../../src/rewrite/tree/walk';
import { runProcess } from '../helpers/process';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

describe('which files are looked at', () => {
  it('honours the root and nested .gitignore files, including re-includes', async () => {
    const dir = makeProject({
      '.gitignore': 'generated/\n*.bak.js\n',
      'src/.gitignore': 'vendor-*.js\n!vendor-keep.js\n',
      'src/pages/index.js': WX_PAGE,
      'src/vendor-sdk.js': WX_PAGE,
      'src/vendor-keep.js': WX_PAGE,
      'src/old.bak.js': WX_PAGE,
      'generated/page.js': WX_PAGE,
    });
    const { code, report } = await runJsonInProcess(dir, []);
    expect(code).toBe(0);
    const changed = report.files
      .filter((f: any) => f.status === 'changed')
      .map((f: any) => f.path)
      .sort();
    expect(changed).toEqual(['src/pages/index.js', 'src/vendor-keep.js']);
    expect(read(dir, 'src/vendor-sdk.js')).toBe(WX_PAGE);
    expect(read(dir, 'src/old.bak.js')).toBe(WX_PAGE);
    expect(read(dir, 'generated/page.js')).toBe(WX_PAGE);
    expect(report.summary.skipped.ignoredFiles).toBe(2);
    expect(report.summary.skipped.ignoredDirectories).toBe(1);
  });

  // git sets core.ignoreCase only where it makes a repository on a file system that ignores case.
  it.runIf(process.platform === 'linux')(
    'matches ignore rules with case, as git does on Linux: Release/ is not release/',
    async () => {
      const dir = makeProject({
        '.gitignore': 'release/\nrecorder.js\n',
        'pages/Release/notes.js': WX_PAGE,
        'utils/Recorder.js': WX_PAGE,
        'pages/release/notes.js': WX_PAGE,
        'utils/recorder.js': WX_PAGE,
      });
      const { code, report } = await runJsonInProcess(dir, []);
      expect(code).toBe(0);
      const changed = report.files
        .filter((f: any) => f.status === 'changed')
        .map((f: any) => f.path)
        .sort();
      expect(changed).toEqual(['pages/Release/notes.js', 'utils/Recorder.js']);
      expect(read(dir, 'pages/release/notes.js')).toBe(WX_PAGE);
      expect(read(dir, 'utils/recorder.js')).toBe(WX_PAGE);
    },
  );

  it('applies the .gitignore files above the path it is given', async () => {
    const dir = makeProject({
      '.gitignore': 'src/gen/\n',
      'src/gen/page.js': WX_PAGE,
      'src/pages/index.js': WX_PAGE,
    });
    const { report } = await runJsonInProcess(path.join(dir, 'src'), ['.']);
    expect(report.files.map((f: any) => f.path)).toEqual(['pages/index.js']);
    expect(read(dir, 'src/gen/page.js')).toBe(WX_PAGE);
  });

  it('a folder git ignores, named on the command line, is said to be ignored; its files named one by one are migrated', async () => {
    const dir = makeProject({ '.gitignore': 'vendor/\n', 'vendor/page.js': WX_PAGE, 'pages/index.js': WX_PAGE });
    const r = await mainInProcess(dir, ['vendor', 'pages']);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      'warning: vendor: git ignores this folder (a .gitignore, info/exclude or core.excludesFile rule) and tracks no file in it, so nothing under it is migrated; name its files to migrate them',
    );
    expect(r.stdout).toContain('ignored 1 [1 folders, 0 files]');
    expect(read(dir, 'vendor/page.js')).toBe(WX_PAGE);
    expect(read(dir, 'pages/index.js')).not.toBe(WX_PAGE);
    // --json carries it too: stdout holds the report alone.
    const json = await runJsonInProcess(dir, ['vendor', '--dry']);
    expect(json.report.warnings).toEqual([
      'vendor: git ignores this folder (a .gitignore, info/exclude or core.excludesFile rule) and tracks no file in it, so nothing under it is migrated; name its files to migrate them',
    ]);
    // The repository's own folder is never "ignored", whatever its name.
    expect((await mainInProcess(path.join(dir, 'pages'), ['.'])).stderr).not.toContain('git ignores');
    // --force: the first run's changes are not committed
    expect((await mainInProcess(dir, ['vendor/page.js', '--force'])).code).toBe(0);
    expect(read(dir, 'vendor/page.js')).not.toBe(WX_PAGE);
  });

  // miniprogram_npm is never rewritten either; its calls are named for a person (built-packages.test.ts).
  it('always skips node_modules, miniprogram_npm, dist and build output, even when not ignored', async () => {
    const dir = makeProject({
      'pages/index.js': WX_PAGE,
      'node_modules/sdk/index.js': WX_PAGE,
      'miniprogram_npm/sdk/index.js': PLAIN,
      'dist/pages/index.js': WX_PAGE,
      'build/app.js': WX_PAGE,
      'unpackage/dist/app.js': WX_PAGE,
    });
    const { report } = await runJsonInProcess(dir, []);
    expect(report.summary.scanned).toBe(1);
    expect(report.summary.changed).toBe(1);
    expect(read(dir, 'miniprogram_npm/sdk/index.js')).toBe(PLAIN);
    for (const f of ['node_modules/sdk/index.js', 'dist/pages/index.js', 'build/app.js', 'unpackage/dist/app.js']) {
      expect(read(dir, f)).toBe(WX_PAGE);
    }
  });

  it('skips minified files and files over 1 MB, reporting each reason', async () => {
    const longLine = 'var a=b(c),d=[e.f];'.repeat(300) + 'wx.startRecord({});wx.stopRecord();\n';
    const big = WX_PAGE + `// ${'padding '.repeat(140_000)}\n`;
    const dir = makeProject({
      'pages/index.js': WX_PAGE,
      'lib/sdk.min.js': WX_PAGE,
      'lib/bundle.js': longLine,
      'pages/huge.js': big,
    });
    const { report } = await runJsonInProcess(dir, []);
    expect(report.summary.skipped.minified).toBe(2);
    expect(report.summary.skipped.tooLarge).toBe(1);
    expect(report.summary.changed).toBe(1);
    const reasons = Object.fromEntries(
      report.files.filter((f: any) => f.skipped).map((f: any) => [f.path, f.skipped.reason]),
    );
    expect(reasons).toEqual({ 'lib/sdk.min.js': 'minified', 'lib/bundle.js': 'minified', 'pages/huge.js': 'tooLarge' });
    expect(read(dir, 'lib/bundle.js')).toBe(longLine);
    expect(read(dir, 'pages/huge.js')).toBe(big);
    const text = (await mainInProcess(dir, ['--dry'])).stdout;
    expect(text).toMatch(/too large 1, minified 2/);
  });

  it('names each minified or too large file that calls a legacy API, with the reason, as a place for a person: --strict fails; the audit refuses it too', async () => {
    const longLine = 'var a=b(c),d=[e.f];'.repeat(300) + 'wx.startRecord({});wx.stopRecord();\n';
    const big = `// ${'padding '.repeat(140_000)}\n` + WX_PAGE;
    const dir = makeProject({
      'pages/index.js': PLAIN,
      'lib/sdk.min.js': WX_PAGE,
      'lib/bundle.js': longLine,
      'lib/big.js': big,
      // Minified, and calling nothing deprecated: skipped as before, nothing for a person.
      'lib/other.min.js': PLAIN,
      'lib/plain-bundle.js': 'var a=b(c),d=[e.f];'.repeat(300) + '\n',
    });
    const way = 'migrate the source it is built from and build it again, or update the package it comes from';
    const places = [
      `lib/big.js:5  startRecord: too large to migrate (1.1 MB, the limit is 1 MB): generated or bundled code; ${way}`,
      `lib/bundle.js:1  startRecord: minified or bundled code (long lines): not migrated; ${way}`,
      `lib/bundle.js:1  stopRecord: minified or bundled code (long lines): not migrated; ${way}`,
      `lib/sdk.min.js:4  startRecord: minified or bundled code (its name says so): not migrated; ${way}`,
      `lib/sdk.min.js:11  stopRecord: minified or bundled code (its name says so): not migrated; ${way}`,
    ];
    const plain = await mainInProcess(dir, ['--dry', '--strict']);
    expect(plain.code).toBe(1);
    // Each reason once, its places (file:line:column) under it.
    const columns = [1, 5701, 5720, 5, 5];
    const grouped = places
      .map((p) => p.split(/ {2}/))
      .map(([where, reason], i) => `    ${reason}\n      ${where}:${columns[i]}\n`);
    expect(plain.stdout).toContain(`  left for a person: 5 places\n${grouped.join('')}`);
    expect(plain.stdout).toContain('skipped  lib/bundle.js  minified (long lines), 2 left for a person\n');
    expect(plain.stdout).toContain('skipped  lib/big.js  too large (1.1 MB), 1 left for a person\n');
    expect(plain.stdout).toMatch(/too large 1, minified 3, /);
    // They name a legacy API though none is parsed: counted so, as the audit counts the files it refuses.
    expect(plain.stdout).toContain(
      '  files: 6 looked at, 3 name a legacy API, 0 would change, 2 unchanged, 0 failed\n',
    );
    expect(plain.stdout).toContain('--strict: places are left for a person, exit code 1\n');
    // Without --strict a place for a person fails nothing, as any other.
    const json = await mainInProcess(dir, ['--dry', '--json']);
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.manualReview.map((p: any) => `${p.path}:${p.line}  ${p.reason}`)).toEqual(places);
    expect(report.files.find((f: any) => f.path === 'lib/sdk.min.js')).toMatchObject({
      status: 'skipped',
      skipped: { reason: 'minified', detail: 'file name' },
      manual: [{ line: 4 }, { line: 11 }],
    });
    expect(report.files.find((f: any) => f.path === 'lib/other.min.js')).toMatchObject({
      status: 'skipped',
      manual: [],
    });
    // The audit reads a minified name as the codemod does: refused, never "handled by the rewrite"; --strict counts
    // each.
    const audit = await auditInProcess(dir, ['.', '--strict']);
    expect(audit.code).toBe(1);
    expect(audit.stdout).toContain(
      'lib/sdk.min.js  refused by the rewrite: minified or bundled code (its name says so): not migrated; not audited\n',
    );
    expect(audit.stdout).not.toMatch(/^handled by the rewrite/m);
    expect(audit.stdout).toContain('  handled by the rewrite: 0 places\n');
    expect(audit.stdout).toContain('  refused by the rewrite: 3 files that name a legacy API (listed above)\n');
  });

  it('parses only files whose text mentions the API', async () => {
    const dir = makeProject({
      'pages/index.js': WX_PAGE,
      // Does not parse, but never mentions the API: the pre-filter must keep the parser away.
      'pages/draft.js': 'export const = broken (\n',
      'utils/add.ts': PLAIN,
      'types/wx.d.ts': 'declare const wx: { startRecord(o: object): void }\n',
    });
    const { code, report } = await runJsonInProcess(dir, []);
    expect(code).toBe(0);
    expect(report.summary.scanned).toBe(3);
    expect(report.summary.parsed).toBe(1);
    expect(report.summary.failed).toBe(0);
  });

  it('does not follow symlinks out of the paths given', async () => {
    const outside = makeProject({ 'shared.js': WX_PAGE }, { git: false });
    const dir = makeProject({ 'pages/index.js': WX_PAGE });
    fs.symlinkSync(outside, path.join(dir, 'linked'), 'dir');
    fs.symlinkSync(path.join(outside, 'shared.js'), path.join(dir, 'pages', 'shared.js'));
    // Passed over: a link to a file the run migrates anyway, one to a picture (one pointing nowhere: below).
    fs.symlinkSync('index.js', path.join(dir, 'pages', 'alias.js'));
    fs.writeFileSync(path.join(outside, 'logo.png'), 'png');
    fs.symlinkSync(path.join(outside, 'logo.png'), path.join(dir, 'logo.png'));
    const { code, report } = await runJsonInProcess(dir, ['--force']);
    expect(fs.readFileSync(path.join(outside, 'shared.js'), 'utf8')).toBe(WX_PAGE);
    expect(read(dir, 'pages/index.js')).not.toBe(WX_PAGE);
    // The two links out of the tree are named with their targets: what they point to was not looked at.
    expect(code).toBe(0);
    const target = (p: string) => path.relative(dir, p).split(path.sep).join('/');
    expect(report.files.filter((f: any) => f.status === 'skipped')).toEqual([
      {
        path: 'linked',
        status: 'skipped',
        importSource: null,
        rewritten: [],
        manual: [],
        skipped: {
          reason: 'link',
          detail: `a symbolic link to ${target(outside)}, outside the paths given: not followed (name that path to migrate it)`,
        },
        error: null,
      },
      {
        path: 'pages/shared.js',
        status: 'skipped',
        importSource: null,
        rewritten: [],
        manual: [],
        skipped: {
          reason: 'link',
          detail: `a symbolic link to ${target(path.join(outside, 'shared.js'))}, outside the paths given: not followed (name that path to migrate it)`,
        },
        error: null,
      },
    ]);
    expect(report.summary.skipped.link).toBe(2);
    const plain = (await mainInProcess(dir, ['--dry'])).stdout;
    expect(plain).toContain('links outside 2)');
    expect(plain).toContain(
      `  links not followed: 2\n    linked  a symbolic link to ${target(outside)}, outside the paths given`,
    );
  });

  it('names the links in the tree that lead nowhere (dangling, or in a loop) with the reason, counted apart, failing nothing; the audit says the same', async () => {
    const dir = makeProject({ 'pages/index.js': PLAIN, 'pages/other.js': PLAIN });
    fs.symlinkSync('gone.js', path.join(dir, 'pages', 'dangling.js'));
    fs.symlinkSync('/nonexistent/record-compat-shared', path.join(dir, 'shared'));
    fs.symlinkSync('ring-b', path.join(dir, 'pages', 'ring-a'));
    fs.symlinkSync('ring-a', path.join(dir, 'pages', 'ring-b'));
    fs.symlinkSync('other.js/x.js', path.join(dir, 'pages', 'through-a-file.js'));
    commitAll(dir);
    const reasons = {
      'pages/dangling.js':
        'a symbolic link to gone.js, which is not there (a dangling link): nothing to migrate through it',
      'pages/ring-a':
        'a symbolic link to ring-b that never reaches a file (a loop of links, ELOOP): nothing to migrate through it',
      'pages/ring-b':
        'a symbolic link to ring-a that never reaches a file (a loop of links, ELOOP): nothing to migrate through it',
      'pages/through-a-file.js':
        'a symbolic link to other.js/x.js, which is not there (a dangling link): nothing to migrate through it',
      shared:
        'a symbolic link to /nonexistent/record-compat-shared, which is not there (a dangling link): nothing to migrate through it',
    };
    const json = await mainInProcess(dir, ['--dry', '--strict', '--json']);
    // Nothing behind them is lost: no failure, not a place for a person, so --strict passes.
    expect(json.code).toBe(0);
    const report = JSON.parse(json.stdout);
    expect(report.summary.skipped.brokenLink).toBe(5);
    expect(report.summary).toMatchObject({ failed: 0, manualReview: 0 });
    expect(Object.fromEntries(report.files.filter((f: any) => f.skipped).map((f: any) => [f.path, f.skipped]))).toEqual(
      Object.fromEntries(Object.entries(reasons).map(([file, detail]) => [file, { reason: 'brokenLink', detail }])),
    );
    const plain = await mainInProcess(dir, ['--dry']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('links outside 0, links leading nowhere 5)');
    expect(plain.stdout).toContain(
      `  links leading nowhere: 5\n${Object.entries(reasons)
        .map(([file, reason]) => `    ${file}  ${reason}\n`)
        .join('')}`,
    );
    // The audit names each in the same words, and counts them in its summary line; --strict passes there too.
    const audit = await auditInProcess(dir, ['.', '--strict']);
    expect(audit.code, audit.stdout).toBe(0);
    for (const [file, reason] of Object.entries(reasons))
      expect(audit.stdout).toContain(`${file}  left alone by the rewrite: ${reason}\n`);
    expect(audit.stdout).toMatch(
      /type-checked \(with the files that import them\); ignored 0 \[0 folders, 0 files\], 5 links leading nowhere\n/,
    );
    const auditJson = JSON.parse((await auditInProcess(dir, ['.', '--json'])).stdout);
    expect(auditJson.stats.brokenLinks).toBe(5);
    expect(auditJson.skippedFiles).toEqual(
      expect.arrayContaining(Object.entries(reasons).map(([file, reason]) => ({ file, reason, references: 0 }))),
    );
    // A link git ignores is passed over, as git passes it over.
    fs.writeFileSync(path.join(dir, '.gitignore'), 'shared\npages/ring-*\n');
    commitAll(dir);
    const ignored = JSON.parse((await mainInProcess(dir, ['--dry', '--json'])).stdout);
    expect(ignored.files.filter((f: any) => f.skipped).map((f: any) => f.path)).toEqual([
      'pages/dangling.js',
      'pages/through-a-file.js',
    ]);
  });

  it("names every FIFO and socket met in the tree with its kind, never opened: a failure under a script's name, a skip under any other; git's ignored ones aside; the audit says the same", async () => {
    const dir = makeProject({ '.gitignore': 'tmp/\n*.local.js\n', 'pages/index.js': WX_PAGE, 'tmp/keep.txt': '' });
    execFileSync('mkfifo', [
      path.join(dir, 'pages', 'pipe.js'),
      path.join(dir, 'notes.txt'),
      path.join(dir, 'tmp', 'pipe.js'),
      path.join(dir, 'pages', 'scratch.local.js'),
    ]);
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(path.join(dir, 'dev.sock'), resolve));
    try {
      const fifo = 'a FIFO (named pipe), not a regular file: not opened';
      const socket = 'a socket, not a regular file: not opened';
      const json = await mainInProcess(dir, ['--dry', '--json']);
      expect(json.code).toBe(1);
      const report = JSON.parse(json.stdout);
      expect(report.failures).toEqual([{ path: 'pages/pipe.js', line: null, column: null, reason: fifo }]);
      expect(report.summary.skipped).toMatchObject({ notRegular: 2, ignoredFiles: 1, ignoredDirectories: 1 });
      expect(report.files.filter((f: any) => f.status === 'skipped').map((f: any) => [f.path, f.skipped])).toEqual([
        ['dev.sock', { reason: 'notRegular', detail: socket }],
        ['notes.txt', { reason: 'notRegular', detail: fifo }],
      ]);
      const plain = await mainInProcess(dir, ['--dry']);
      expect(plain.stdout).toContain(', not regular files 2)');
      expect(plain.stdout).toContain(
        `  not regular files (never opened): 2\n    dev.sock  ${socket}\n    notes.txt  ${fifo}\n`,
      );
      expect(plain.stdout).toContain(`  failed (left untouched): 1 file\n    ${fifo}\n      pages/pipe.js\n`);
      const audit = await auditInProcess(dir, ['.']);
      expect(audit.stdout).toContain(`warning: pages/pipe.js: ${fifo}; references in it are missing\n`);
      expect(audit.stdout).toContain(`dev.sock  left alone by the rewrite: ${socket}\n`);
      expect(audit.stdout).toContain(`notes.txt  left alone by the rewrite: ${fifo}\n`);
      expect(audit.stdout).not.toContain('scratch.local.js');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('hears, at each pause of a walk a signal may stop, how many files it has listed so far', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 60; i++) files[`src/f${i % 6}/a${i}.js`] = PLAIN;
    const dir = makeProject(files);
    const heard: number[] = [];
    const { walked, stopped } = await walkStoppably(
      [dir],
      new Set(),
      {},
      {
        due: () => true,
        pause: () => Promise.resolve(),
        stopped: () => false,
        listed: (count) => heard.push(count),
      },
    );
    expect(stopped).toBe(false);
    expect(walked.files).toHaveLength(60);
    expect(heard.length).toBeGreaterThan(1);
    expect(heard).toEqual([...heard].sort((a, b) => a - b));
    expect(heard.at(-1)).toBeLessThanOrEqual(60);
  });

  it('takes several paths and files, each file once', async () => {
    const dir = makeProject({ 'a/one.js': WX_PAGE, 'b/two.js': WX_PAGE, 'c/three.js': WX_PAGE });
    const { report } = await runJsonInProcess(dir, ['a', 'b/two.js', 'a/one.js', './b']);
    expect(report.summary.scanned).toBe(2);
    expect(report.files.map((f: any) => f.path).sort()).toEqual(['a/one.js', 'b/two.js']);
    expect(read(dir, 'c/three.js')).toBe(WX_PAGE);
  });

  it('handles every script extension', async () => {
    const dir = makeProject({
      'a.js': WX_PAGE,
      'b.jsx': WX_PAGE,
      'c.ts': WX_PAGE,
      'd.tsx': WX_PAGE,
      'e.mjs': WX_PAGE,
      'f.cjs': WX_PAGE,
      'g.json': '{"startRecord": true}',
      'h.wxs': 'wx.startRecord()',
    });
    const { report } = await runJsonInProcess(dir, []);
    expect(report.summary.changed).toBe(6);
    expect(read(dir, 'g.json')).toBe('{"startRecord": true}');
  });

  it('names each file given on the command line whose kind it does not rewrite as skipped, with the reason, in the log and in --json; such a skip fails nothing (exit 0)', async () => {
    const named = {
      'types/x.d.ts': 'export declare function startRecord(): void;\n',
      'x.wxs': 'wx.startRecord()\n',
      'x.es6': WX_PAGE,
      'x.json': '{"startRecord": true}\n',
    };
    const dir = makeProject({ ...named, 'pages/index.js': WX_PAGE });
    const reasons = {
      'types/x.d.ts':
        'not a script this tool rewrites (.d.ts declarations hold types, not calls: they are not migrated)',
      'x.es6':
        'not a script this tool rewrites (.es6 files are not migrated; it takes .js, .jsx, .ts, .tsx, .mjs, .cjs, .mts, .cts and .vue files)',
      'x.json':
        'not a script this tool rewrites (.json files are not migrated; it takes .js, .jsx, .ts, .tsx, .mjs, .cjs, .mts, .cts and .vue files)',
      'x.wxs':
        'not a script this tool rewrites (.wxs files are not migrated; it takes .js, .jsx, .ts, .tsx, .mjs, .cjs, .mts, .cts and .vue files)',
    };
    const { code, report } = await runJsonInProcess(dir, [
      'x.wxs',
      'types/x.d.ts',
      'x.json',
      'x.es6',
      'pages/index.js',
      '--dry',
    ]);
    expect(code).toBe(0);
    expect(report.summary).toMatchObject({ scanned: 5, changed: 1, failed: 0, skipped: { notScript: 4 } });
    expect(report.files.filter((f: any) => f.status === 'skipped')).toEqual(
      Object.entries(reasons).map(([file, detail]) => ({
        path: file,
        status: 'skipped',
        importSource: null,
        rewritten: [],
        manual: [],
        skipped: { reason: 'notScript', detail },
        error: null,
      })),
    );
    const plain = await mainInProcess(dir, ['x.wxs', 'types/x.d.ts', 'x.json', 'x.es6']);
    expect(plain.code).toBe(0);
    expect(plain.stdout).toContain('links outside 0, not scripts 4)\n');
    expect(plain.stdout).toContain(
      `  named but not migrated: 4\n${Object.entries(reasons)
        .map(([file, why]) => `    ${file}  ${why}\n`)
        .join('')}`,
    );
    for (const [file, text] of Object.entries(named)) expect(read(dir, file)).toBe(text);
    // A folder's files of those kinds are passed over in silence, as always.
    expect((await runJsonInProcess(dir, ['.', '--dry'])).report.summary.skipped.notScript).toBe(0);
  });

  it('reads <angle> casts in .ts files and JSX in .js files (parser chosen per extension)', async () => {
    const dir = makeProject({
      'cast.ts': 'const n = <number>(<unknown>1)\nwx.startRecord({})\n',
      'view.js': 'export const V = () => <View onClick={() => wx.stopRecord()}>stop</View>\n',
    });
    const { code, report } = await runJsonInProcess(dir, []);
    expect(code).toBe(0);
    expect(report.summary.changed).toBe(2);
  });
});

describe('what git ignores, as git sees it', () => {
  /** A folder of its own for a user's git configuration (HOME, XDG_CONFIG_HOME), removed after the test. */
  function userHome(): string {
    return fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'rc-home-')));
  }
  const changedPaths = (report: any) =>
    report.files
      .filter((f: any) => f.status === 'changed')
      .map((f: any) => f.path)
      .sort();

  it('honours info/exclude where .git is a file: a linked worktree (in the common git directory) and a submodule', async () => {
    const dir = makeProject({}, { git: false });
    const main = path.join(dir, 'main');
    // main: a repository with a linked worktree and, as a submodule, the repository lib
    for (const repo of [main, path.join(dir, 'lib')]) {
      fs.mkdirSync(path.join(repo, 'pages'), { recursive: true });
      fs.writeFileSync(path.join(repo, 'pages', 'index.js'), WX_PAGE);
      gitIn(repo, 'init', '-q');
      gitIn(repo, 'add', '-A');
      gitIn(repo, '-c', 'user.email=t@example.com', '-c', 'user.name=T', 'commit', '-q', '-m', 'init');
    }
    gitIn(main, '-c', 'protocol.file.allow=always', 'submodule', '-q', 'add', '../lib', 'lib');
    gitIn(main, '-c', 'user.email=t@example.com', '-c', 'user.name=T', 'commit', '-q', '-m', 'submodule');
    const worktree = path.join(dir, 'wt');
    gitIn(main, 'worktree', 'add', '-q', worktree);
    for (const gitDir of [path.join(main, '.git'), path.join(main, '.git', 'modules', 'lib')]) {
      fs.mkdirSync(path.join(gitDir, 'info'), { recursive: true });
      fs.appendFileSync(path.join(gitDir, 'info', 'exclude'), 'experiments/\n');
    }
    for (const tree of [worktree, path.join(main, 'lib')]) {
      fs.mkdirSync(path.join(tree, 'experiments'));
      fs.writeFileSync(path.join(tree, 'experiments', 'try.js'), WX_PAGE);
      expect(gitIn(tree, 'check-ignore', 'experiments/try.js').trim()).toBe('experiments/try.js');
      expect(gitIn(tree, 'status', '--porcelain')).toBe('');
    }
    const inWorktree = await runJsonInProcess(worktree, []);
    expect(inWorktree.code).toBe(0);
    expect(changedPaths(inWorktree.report)).toEqual(['pages/index.js']);
    expect(read(worktree, 'experiments/try.js')).toBe(WX_PAGE);
    const inSubmodule = await runJsonInProcess(path.join(main, 'lib'), []);
    expect(inSubmodule.code).toBe(0);
    expect(changedPaths(inSubmodule.report)).toEqual(['pages/index.js']);
    expect(read(main, 'lib/experiments/try.js')).toBe(WX_PAGE);
  });

  it("honours the user's core.excludesFile: its default under XDG_CONFIG_HOME (or ~/.config), or the file the config names", async () => {
    const home = userHome();
    try {
      fs.mkdirSync(path.join(home, '.config', 'git'), { recursive: true });
      fs.writeFileSync(path.join(home, '.config', 'git', 'ignore'), 'scratch/\n*.local.js\n');
      fs.writeFileSync(path.join(home, 'named-ignore'), 'sandbox/\n');
      fs.writeFileSync(path.join(home, 'gitconfig'), `[core]\n\texcludesFile = ${path.join(home, 'named-ignore')}\n`);
      // named from the home folder, as git expands it
      fs.writeFileSync(path.join(home, 'tilde-gitconfig'), '[core]\n\texcludesFile = ~/named-ignore\n');
      fs.writeFileSync(path.join(home, 'empty-gitconfig'), '');
      const files = {
        'pages/index.js': WX_PAGE,
        'pages/debug.local.js': WX_PAGE,
        'scratch/try.js': WX_PAGE,
        'sandbox/try.js': WX_PAGE,
      };
      const cases: { env: Record<string, string>; changed: string[] }[] = [
        {
          env: {
            HOME: home,
            XDG_CONFIG_HOME: path.join(home, '.config'),
            GIT_CONFIG_GLOBAL: path.join(home, 'empty-gitconfig'),
          },
          changed: ['pages/index.js', 'sandbox/try.js'],
        },
        {
          env: { HOME: home, XDG_CONFIG_HOME: '', GIT_CONFIG_GLOBAL: path.join(home, 'empty-gitconfig') },
          changed: ['pages/index.js', 'sandbox/try.js'],
        },
        {
          env: {
            HOME: home,
            XDG_CONFIG_HOME: path.join(home, '.config'),
            GIT_CONFIG_GLOBAL: path.join(home, 'gitconfig'),
          },
          changed: ['pages/debug.local.js', 'pages/index.js', 'scratch/try.js'],
        },
        {
          env: {
            HOME: home,
            XDG_CONFIG_HOME: path.join(home, '.config'),
            GIT_CONFIG_GLOBAL: path.join(home, 'tilde-gitconfig'),
          },
          changed: ['pages/debug.local.js', 'pages/index.js', 'scratch/try.js'],
        },
      ];
      const dirs = cases.map(({ env }) => {
        const dir = makeProject({ 'pages/index.js': WX_PAGE });
        for (const [rel, text] of Object.entries(files)) {
          fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
          fs.writeFileSync(path.join(dir, rel), text);
        }
        // committed under the same configuration: what it ignores stays out of git
        for (const args of [
          ['add', '-A'],
          ['commit', '-q', '--no-verify', '-m', 'more'],
        ])
          execFileSync('git', args, { cwd: dir, env: { ...process.env, ...env } });
        return dir;
      });
      // git reads the user's configuration from the environment the process starts with: a run each, side by side.
      const runs = await Promise.all(cases.map(({ env }, i) => runCliAsync(dirs[i], ['.', '--json'], env)));
      cases.forEach(({ changed }, i) => {
        const r = runs[i];
        expect(r.code, r.stderr).toBe(0);
        expect(changedPaths(JSON.parse(r.stdout))).toEqual(changed);
        for (const rel of Object.keys(files).filter((f) => !changed.includes(f)))
          expect(read(dirs[i], rel)).toBe(WX_PAGE);
      });
    } finally {
      fs.rmSync(home, { recursive: true, force: true });
    }
  });

  it('migrates a file git tracks though a rule matches it (committed before the rule, or added with -f), as git applies no ignore rule to it; the audit then finds nothing left', async () => {
    const dir = makeProject({
      '.gitignore': 'vendor/\n*.gen.js\n',
      'pages/index.js': WX_PAGE,
      'vendor/recorder.js': WX_PAGE,
      'vendor/lib/deep.js': WX_PAGE,
      'pages/old.gen.js': WX_PAGE,
    });
    gitIn(dir, 'add', '-f', 'vendor/recorder.js', 'vendor/lib/deep.js', 'pages/old.gen.js');
    commitAll(dir);
    // untracked, and ignored: still left alone
    fs.writeFileSync(path.join(dir, 'vendor', 'scratch.js'), WX_PAGE);
    fs.writeFileSync(path.join(dir, 'pages', 'new.gen.js'), WX_PAGE);
    expect(gitStatus(dir)).toBe('');
    const { code, report } = await runJsonInProcess(dir, []);
    expect(code).toBe(0);
    expect(changedPaths(report)).toEqual([
      'pages/index.js',
      'pages/old.gen.js',
      'vendor/lib/deep.js',
      'vendor/recorder.js',
    ]);
    expect(report.summary.skipped.ignoredFiles).toBe(1);
    expect(report.summary.skipped.ignoredDirectories).toBe(1);
    expect(read(dir, 'vendor/scratch.js')).toBe(WX_PAGE);
    expect(read(dir, 'pages/new.gen.js')).toBe(WX_PAGE);
    expect(gitStatus(dir).split('\n').filter(Boolean).sort()).toEqual([
      ' M pages/index.js',
      ' M pages/old.gen.js',
      ' M vendor/lib/deep.js',
      ' M vendor/recorder.js',
    ]);
    // What the codemod left is what the audit says is left: the untracked ignored files aside, nothing.
    fs.rmSync(path.join(dir, 'vendor', 'scratch.js'));
    fs.rmSync(path.join(dir, 'pages', 'new.gen.js'));
    commitAll(dir);
    const audit = await auditInProcess(dir, ['--strict', '.']);
    expect(audit.code, audit.stdout + audit.stderr).toBe(0);
    expect(audit.stdout).toMatch(/^ {2}handled by the rewrite: 0 places\n {2}left for a person: 0 places\n/m);
  });

  it("matches rules as the repository's core.ignoreCase says, git check-ignore deciding: regardless of case where it is true, with case where it is false", async () => {
    const dir = makeProject({ '.gitignore': 'src/Generated.js\nVendor/\n', 'src/index.js': WX_PAGE });
    // Untracked, as a build or a vendoring script leaves them: only the rules keep them out of git.
    const candidates = ['src/generated.js', 'vendor/sdk.js'];
    for (const rel of candidates) {
      fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      fs.writeFileSync(path.join(dir, rel), WX_PAGE);
    }
    for (const ignoreCase of ['true', 'false']) {
      gitIn(dir, 'config', 'core.ignoreCase', ignoreCase);
      // git's own answer (exit 1 when it ignores none of them)
      const checked = spawnSync('git', ['check-ignore', ...candidates], { cwd: dir, encoding: 'utf8' });
      const ignoredByGit = checked.stdout.split('\n').filter(Boolean);
      expect(ignoredByGit).toEqual(ignoreCase === 'true' ? candidates : []);
      const expected = ['src/index.js', ...candidates.filter((rel) => !ignoredByGit.includes(rel))].sort();
      const changed: string[] = [];
      const run = await migrateInProcess(['.', '--dry'], dir, {
        file: (r) =>
          void (r.status === 'changed' && changed.push(path.relative(dir, r.file).split(path.sep).join('/'))),
      });
      expect(run.kind).toBe('done');
      expect(changed.sort()).toEqual(expected);
      // The audit reads what the codemod would migrate.
      const audit = JSON.parse((await auditInProcess(dir, ['.', '--json'])).stdout);
      expect([...new Set(audit.findings.map((f: { file: string }) => f.file))].sort()).toEqual(expected);
    }
  });

  it('a folder git ignores, named on the command line, still gives the files git tracks in it', async () => {
    const dir = makeProject({
      '.gitignore': 'vendor/\n',
      'package.json': JSON.stringify({ dependencies: { 'record-compat-runtime': '^0.1.0' } }),
      'vendor/recorder.js': WX_PAGE,
      'vendor/other.js': WX_PAGE,
    });
    gitIn(dir, 'add', '-f', 'vendor/recorder.js');
    commitAll(dir);
    const r = await mainInProcess(dir, ['vendor', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).warnings).toEqual([]);
    expect(changedPaths(JSON.parse(r.stdout))).toEqual(['vendor/recorder.js']);
    expect(read(dir, 'vendor/other.js')).toBe(WX_PAGE);
  });
});

describe('the audit walks as the codemod does', () => {
  it('skips what git ignores and does not track, and counts it as the codemod does', async () => {
    const dir = makeProject({
      '.gitignore': 'generated/\n*.local.js\n',
      'pages/index.js': WX_PAGE,
      'generated/recorder.js': WX_PAGE,
      'generated/kept.js': WX_PAGE,
      'pages/scratch.local.js': WX_PAGE,
    });
    gitIn(dir, 'add', '-f', 'generated/kept.js');
    commitAll(dir);
    const audit = JSON.parse((await auditInProcess(dir, ['.', '--json'])).stdout);
    const files = [...new Set(audit.findings.map((f: { file: string }) => f.file))].sort();
    // The tracked file in the ignored folder is read, as the codemod migrates it; the rest is not.
    expect(files).toEqual(['generated/kept.js', 'pages/index.js']);
    const { report } = await runJsonInProcess(dir, ['--dry']);
    expect(audit.stats.ignored).toEqual({
      folders: report.summary.skipped.ignoredDirectories,
      files: report.summary.skipped.ignoredFiles,
    });
    expect(audit.stats.ignored).toEqual({ folders: 1, files: 1 });
    expect((await auditInProcess(dir, ['.'])).stdout).toMatch(
      /type-checked \(with the files that import them\); ignored 2 \[1 folders, 1 files\]\n/,
    );
  });
});

describe('names that are not UTF-8', () => {
  // A GBK name from a Windows zip (中.js: bytes D6 D0), and a folder whose name ends in a stray 0xFF byte.
  const bytesPath = (dir: string, ...parts: (string | number[])[]) =>
    Buffer.concat([
      Buffer.from(`${dir}/`),
      ...parts.map((p) => (typeof p === 'string' ? Buffer.from(p) : Buffer.from(p))),
    ]);
  /** The CLI run in `dir` through a shell, which hands a name's bytes over as they are (Node decodes them lossily). */
  const named = (dir: string, ...args: string[]) =>
    runProcess('sh', ['-c', `"$0" "$1" ${args.join(' ')}`, process.execPath, BIN], {
      cwd: dir,
      env: { ...process.env, NO_COLOR: '1' },
    });
  function project(): { dir: string; gbkFile: Buffer; inFolder: Buffer } {
    // A committed repository (from the tests' empty one), the names git cannot get from a Tree committed after.
    const dir = makeProject({ 'pages/index.js': WX_PAGE });
    const gbkFile = bytesPath(dir, 'pages/', [0xd6, 0xd0], '.js');
    fs.writeFileSync(gbkFile, WX_PAGE);
    fs.mkdirSync(bytesPath(dir, 'lib', [0xff]));
    const inFolder = bytesPath(dir, 'lib', [0xff], '/a.js');
    fs.writeFileSync(inFolder, WX_PAGE);
    commitAll(dir);
    return { dir, gbkFile, inFolder };
  }
  const REASON =
    'its name is not UTF-8 (GBK or another encoding?), and Node cannot open a file or folder by such a name: rename it in UTF-8 and run again';

  it('fail with that reason, shown with their bytes escaped, and are not written; the rest is migrated', async () => {
    const { dir, gbkFile, inFolder } = project();
    const r = await mainInProcess(dir, ['.']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      `  failed (left untouched): 2 files\n    ${REASON}\n      lib\\xff\n      pages/\\xd6\\xd0.js\n`,
    );
    expect(r.stdout).not.toMatch(/ENOENT|\uFFFD/);
    expect(fs.readFileSync(gbkFile, 'utf8')).toBe(WX_PAGE);
    expect(fs.readFileSync(inFolder, 'utf8')).toBe(WX_PAGE);
    expect(read(dir, 'pages/index.js')).not.toBe(WX_PAGE);
  });

  it('print apart from a UTF-8 name that spells their bytes out (a backslash, an x, two digits)', async () => {
    const { dir } = project();
    fs.writeFileSync(path.join(dir, 'pages', '\\xd6\\xd0.js'), WX_PAGE);
    commitAll(dir);
    const r = await mainInProcess(dir, ['--dry']);
    expect(r.stdout).toContain(`    ${REASON}\n      lib\\xff\n      pages/\\xd6\\xd0.js\n`);
    expect(r.stdout).toContain('would change  pages/\\\\xd6\\\\xd0.js (2 rewritten');
  });

  it('fail with that reason when git tracks them in a folder it ignores', async () => {
    const { dir } = project();
    fs.writeFileSync(path.join(dir, '.gitignore'), 'vendor/\n');
    fs.mkdirSync(path.join(dir, 'vendor'));
    fs.writeFileSync(bytesPath(dir, 'vendor/', [0xd6, 0xd0], '.js'), WX_PAGE);
    gitIn(dir, 'add', '-f', 'vendor');
    commitAll(dir);
    const { report } = await runJsonInProcess(dir, ['--dry']);
    expect(report.failures).toContainEqual(expect.objectContaining({ path: 'vendor/\\xd6\\xd0.js', reason: REASON }));
  });

  it('fail with that reason when named on the command line (as a shell passes the bytes), a file so named or one under a folder so named, in the codemod and the audit', async () => {
    const { dir } = project();
    const names = `"$(printf 'pages/\\326\\320.js')" "$(printf 'lib\\377/a.js')"`;
    // The codemod reads, --dry, and the audit reads: side by side.
    const [codemod, audit] = await Promise.all([named(dir, names, '--dry'), named(dir, 'audit', names, '--json')]);
    expect(codemod.status).toBe(1);
    // The file under the folder is named by the folder, the part of its path Node cannot open.
    expect(codemod.stdout).toContain(`    ${REASON}\n      lib\\xff\n      pages/\\xd6\\xd0.js\n`);
    expect(codemod.stderr).not.toContain('does not exist');
    expect(audit.stderr).not.toContain('no such file');
    // Failures, as the codemod's (classifyFile): the audit exits 1, as a file it could not audit.
    expect(audit.status).toBe(1);
    expect(JSON.parse(audit.stdout).failedFiles).toEqual([
      { file: 'lib\\xff', reason: REASON },
      { file: 'pages/\\xd6\\xd0.js', reason: REASON },
    ]);
  });

  it('are failures with that reason in --json too, in the codemod and the audit, with or without a tsconfig', async () => {
    const { dir } = project();
    const { report } = await runJsonInProcess(dir, ['--dry']);
    // `path` reads the bytes as \xNN; `pathBytes` holds the path's own bytes (base64), by which the file opens.
    const base64 = (...parts: (string | number[])[]) =>
      Buffer.concat(parts.map((p) => Buffer.from(p))).toString('base64');
    expect(report.failures).toEqual([
      { path: 'lib\\xff', pathBytes: base64('lib', [0xff]), line: null, column: null, reason: REASON },
      {
        path: 'pages/\\xd6\\xd0.js',
        pathBytes: base64('pages/', [0xd6, 0xd0], '.js'),
        line: null,
        column: null,
        reason: REASON,
      },
    ]);
    const entry = report.files.find((f: { path: string }) => f.path === 'pages/\\xd6\\xd0.js');
    expect(
      fs.readFileSync(Buffer.concat([Buffer.from(`${dir}/`), Buffer.from(entry.pathBytes, 'base64')]), 'utf8'),
    ).toBe(WX_PAGE);
    // A UTF-8 path has no pathBytes: its `path` is exact.
    expect(report.files.find((f: { path: string }) => f.path === 'pages/index.js')).not.toHaveProperty('pathBytes');
    for (const tsconfig of [false, true]) {
      if (tsconfig)
        fs.writeFileSync(
          path.join(dir, 'tsconfig.json'),
          JSON.stringify({ compilerOptions: { allowJs: true }, include: ['**/*'] }),
        );
      const run = await auditInProcess(dir, ['.', '--json']);
      const audit = JSON.parse(run.stdout);
      expect(run.code, `tsconfig: ${tsconfig}`).toBe(1);
      expect(audit.warnings, `tsconfig: ${tsconfig}`).toEqual([]);
      expect(audit.failedFiles, `tsconfig: ${tsconfig}`).toEqual([
        { file: 'lib\\xff', reason: REASON },
        { file: 'pages/\\xd6\\xd0.js', reason: REASON },
      ]);
    }
  });
});

describe('exclusions (--exclude), as git check-ignore reads the same patterns in a .gitignore', () => {
  /** Every file calls a legacy API: what a run sees it rewrites, what it excludes it names. */
  const FILES = [
    'app.js',
    'legacy/a.js',
    'legacy/keep.js',
    'legacy/deep/b.js',
    'src/legacy/c.js',
    'src/pages/p1.js',
    'src/pages/p2.js',
    'src/pages/Q.js',
    'gen/x.gen.js',
    'src/gen/y.gen.js',
  ];
  /** Negation, `dir/`, `**`, a leading `/`, character classes, and a folder no `!` can bring back from. */
  const CASES: string[][] = [
    ['legacy/'],
    ['/legacy/'],
    ['legacy'],
    ['legacy/*', '!legacy/keep.js'],
    ['legacy/', '!legacy/keep.js'],
    ['**/*.gen.js'],
    ['src/**/p[0-9].js'],
    ['src/pages/[!p]*.js'],
    ['*.js', '!src/**'],
    ['src/**', '!src/pages/', '!src/pages/**'],
  ];

  /** What git says it ignores of FILES, the patterns written to a .gitignore (removed again before the run). */
  function ignoredByGit(dir: string, patterns: string[]): string[] {
    fs.writeFileSync(path.join(dir, '.gitignore'), patterns.join('\n') + '\n');
    try {
      const checked = spawnSync('git', ['check-ignore', '--no-index', '--stdin'], {
        cwd: dir,
        input: FILES.join('\n'),
        encoding: 'utf8',
      });
      expect(checked.status, checked.stderr).not.toBe(128);
      return checked.stdout.split('\n').filter(Boolean).sort();
    } finally {
      fs.rmSync(path.join(dir, '.gitignore'));
    }
  }

  const excludeArgs = (patterns: string[]) => patterns.flatMap((pattern) => ['--exclude', pattern]);

  it('the codemod sees what git would not ignore, and names each excluded file that calls a legacy API, tracked or not', async () => {
    const dir = makeProject(Object.fromEntries(FILES.map((file) => [file, WX_PAGE])));
    for (const patterns of CASES) {
      const ignored = ignoredByGit(dir, patterns);
      expect(ignored.length, `${patterns.join(' ')} ignores some but not all`).toBeGreaterThan(0);
      expect(ignored.length).toBeLessThan(FILES.length);
      const r = await mainInProcess(dir, ['--dry', '--json', ...excludeArgs(patterns)]);
      expect(r.code, r.stderr).toBe(0);
      const report = JSON.parse(r.stdout);
      const seen = report.files.map((f: { path: string }) => f.path).sort();
      expect(seen, patterns.join(' ')).toEqual(FILES.filter((file) => !ignored.includes(file)).sort());
      expect(report.summary.excluded.namingLegacyApi.sort(), patterns.join(' ')).toEqual(ignored);
      expect(report.summary.excluded.files).toBe(ignored.length);
    }
  });

  it('does not walk an excluded folder as sources: counted, its files only searched for a name (one that names none is not named), said in the text summary', async () => {
    const dir = makeProject({
      '.gitignore': 'legacy/generated/\n',
      'pages/index.js': WX_PAGE,
      'legacy/old.js': WX_PAGE,
      'legacy/plain.js': PLAIN,
      'legacy/generated/out.js': WX_PAGE,
      'legacy/node_modules/dep/index.js': WX_PAGE,
    });
    const r = await mainInProcess(dir, ['--dry', '--exclude', 'legacy/']);
    expect(r.code, r.stderr).toBe(0);
    // What git ignores and the dependency folders stay out of the count under an excluded folder too.
    expect(r.stdout).toContain(
      '  excluded: 2 files (1 names a legacy API), 1 folder\n    legacy/old.js  names a legacy API (excluded)\n',
    );
    expect(r.stdout).not.toContain('legacy/plain.js');
    expect(read(dir, 'legacy/old.js')).toBe(WX_PAGE);
    // Without --exclude, no such line.
    expect((await mainInProcess(dir, ['--dry'])).stdout).not.toContain('excluded:');
  });

  it('leaves out a path named on the command line that a pattern matches, or one under an excluded folder', async () => {
    const dir = makeProject({ 'pages/index.js': WX_PAGE, 'legacy/old.js': WX_PAGE, 'legacy/sub/x.js': WX_PAGE });
    const r = await mainInProcess(dir, ['--dry', '--json', 'legacy/old.js', 'legacy/sub', '--exclude', 'legacy/']);
    const report = JSON.parse(r.stdout);
    expect(report.files).toEqual([]);
    expect(report.summary.excluded).toEqual({
      folders: ['legacy/sub'],
      files: 2,
      namingLegacyApi: ['legacy/old.js', 'legacy/sub/x.js'],
      notRead: [],
    });
  });

  it('the audit reports on what the codemod sees, and names the same excluded files', async () => {
    const dir = makeProject(Object.fromEntries(FILES.map((file) => [file, WX_PAGE])));
    for (const patterns of [CASES[1], CASES[4], CASES[5], CASES[7]]) {
      const ignored = ignoredByGit(dir, patterns);
      const audit = JSON.parse((await auditInProcess(dir, ['.', '--json', ...excludeArgs(patterns)])).stdout);
      const found = [...new Set(audit.findings.map((f: { file: string }) => f.file))].sort();
      expect(found, patterns.join(' ')).toEqual(FILES.filter((file) => !ignored.includes(file)).sort());
      expect(audit.stats.excluded.namingLegacyApi.sort()).toEqual(ignored);
      expect(audit.stats.filesLookedAt).toBe(FILES.length - ignored.length);
    }
    const text = await auditInProcess(dir, ['.', '--exclude', 'legacy/']);
    // Unanchored, `legacy/` is every folder so named: src/legacy too.
    expect(text.stdout).toMatch(
      /^ {2}excluded: 4 files \(4 name a legacy API\), 2 folders\n {4}legacy\/a\.js {2}names/m,
    );
  });

  it("a pathological pattern (a backtracking matcher's worst) and lines of 100,000 characters: the codemod and the audit list what git's rules keep", async () => {
    // Outside git: git 2.40 and older (before its wildmatch fix) would take minutes on these, in `git status` too.
    const deep = Array.from({ length: 40 }, () => 'a').join('/');
    const worst = '**/a/'.repeat(10) + 'z';
    const dir = makeProject(
      {
        '.gitignore': `${worst}\n${'x'.repeat(100_000)}\n${'**/a/'.repeat(20_000)}\nskipped.js\n`,
        [`${deep}/f.js`]: WX_PAGE,
        // Under a folder named z below ten folders named a (and more): ignored.
        [`${deep}/z/g.js`]: WX_PAGE,
        'skipped.js': WX_PAGE,
        'pages/index.js': WX_PAGE,
      },
      { git: false },
    );
    for (const args of [[], ['--exclude', worst]]) {
      const report = JSON.parse((await mainInProcess(dir, ['--dry', '--json', ...args])).stdout);
      expect(report.files.map((f: { path: string }) => f.path).sort()).toEqual([`${deep}/f.js`, 'pages/index.js']);
      const audit = JSON.parse((await auditInProcess(dir, ['.', '--json', ...args])).stdout);
      const found = [...new Set(audit.findings.map((f: { file: string }) => f.file))].sort();
      expect(found).toEqual([`${deep}/f.js`, 'pages/index.js']);
    }
  });

  it('refuses a bad pattern with exit code 2, naming the option, why, and what is allowed, in the codemod and the audit (JSON too)', async () => {
    const dir = makeProject({ 'pages/index.js': WX_PAGE });
    const bad: [string, RegExp][] = [
      ['', /blank/],
      ['   ', /blank/],
      ['#legacy', /comment/],
      ['!', /lone !/],
      ['legacy\\', /lone backslash/],
      ['../other', /above the current folder/],
      ['./legacy', /without it/],
      ['a\nb', /line break/],
    ];
    for (const [pattern, why] of bad) {
      for (const command of [[], ['audit']]) {
        const r = await mainInProcess(dir, [...command, '--exclude', pattern]);
        expect(r.code, pattern).toBe(2);
        expect(r.stderr).toMatch(/^error: option '--exclude <glob>' argument '.*' is invalid\. /s);
        expect(r.stderr).toMatch(why);
        expect(r.stderr).toContain('Allowed: gitignore patterns relative to the current folder');
        expect(r.stderr).not.toMatch(/\n\s+at /);
      }
    }
    const json = await mainInProcess(dir, ['--json', '--exclude', '#x']);
    expect(JSON.parse(json.stdout)).toMatchObject({ exitCode: 2, error: expect.stringMatching(/--exclude/) });
  });
});
