import { execFileSync } from 'child_process';
import * as fs from 'fs';
import { createRequire } from 'module';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gitIn, writeTree } from '../helpers/temp-project';
import { parse } from '@babel/parser';
import { parseCommandLine } from '../../src/cli/options';
import { isRuntimeCopy } from '../../src/cli/runtime-target';
import {
  assertBuilt,
  cleanupProjects,
  commitAll,
  gitStatus,
  mainInProcess,
  makeProject,
  migrateInProcess,
  read,
  readBytes,
  ROOT,
  runCli,
  runtimeCopyText,
  snapshot,
  TARO_SOURCE,
  WX_PAGE,
  runJsonInProcess,
} from './helpers';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

const STANDALONE_JS = path.join(ROOT, 'dist', 'runtime', 'standalone', 'record-compat.js');
const STANDALONE_TS = path.join(ROOT, 'dist', 'runtime', 'standalone', 'record-compat.ts');
const STANDALONE_DTS = path.join(ROOT, 'dist', 'runtime', 'standalone', 'record-compat.d.ts');

/** The copy the codemod writes where the files import the record API only (WX_PAGE, TARO_SOURCE), in each form. */
const RECORD_JS = runtimeCopyText(['record'], 'js');
const RECORD_TS = runtimeCopyText(['record'], 'ts');
const RECORD_DTS = runtimeCopyText(['record'], 'dts');

/** A copy this tool wrote at an older version, edited since: what --force may replace. */
function olderCopy(text: string): string {
  const older = text.replace(/^( \* taro-plugin-record-compat )\S+/m, '$10.0.1');
  if (older === text) throw new Error(`${text.slice(0, 80)}… does not open with the package's name and version`);
  return older + '// my own edits\n';
}

/** The modules a script requires, as a parser reads them. */
function requiredModules(text: string): string[] {
  const found: string[] = [];
  const visit = (node: unknown): void => {
    if (!node || typeof node !== 'object') return;
    const n = node as { type?: string; callee?: { name?: string }; arguments?: { value?: unknown }[] };
    if (n.type === 'CallExpression' && n.callee?.name === 'require') found.push(String(n.arguments?.[0]?.value));
    Object.values(node).forEach(visit);
  };
  visit(parse(text, { sourceType: 'script' }).program);
  return found;
}

/** The module specifiers a file imports or requires. */
function specifiers(text: string): string[] {
  return [...text.matchAll(/(?:from\s+|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

describe('runtime entry per file (--runtime package)', () => {
  it('uses the Taro entry for files importing @tarojs/taro and the native entry for the others', async () => {
    const dir = makeProject({
      'taro/record.ts': TARO_SOURCE,
      'native/pages/index.js': WX_PAGE,
    });
    expect((await mainInProcess(dir, [])).code).toBe(0);
    expect(specifiers(read(dir, 'taro/record.ts'))).toContain('record-compat-runtime');
    expect(specifiers(read(dir, 'native/pages/index.js'))).toContain('record-compat-runtime/native');
    expect(specifiers(read(dir, 'native/pages/index.js'))).not.toContain('record-compat-runtime');
  });

  it('uses the Taro entry for a wx.* call in a project whose nearest package.json depends on @tarojs/taro', async () => {
    const dir = makeProject({
      'app/package.json': JSON.stringify({ dependencies: { '@tarojs/taro': '^4.0.0' } }),
      'app/src/pages/index.js': WX_PAGE,
      'mini/package.json': JSON.stringify({ dependencies: { dayjs: '^1.0.0' } }),
      'mini/pages/index.js': WX_PAGE,
    });
    const { report } = await runJsonInProcess(dir, []);
    const entry = Object.fromEntries(report.files.map((f: any) => [f.path, f.importSource]));
    expect(entry).toEqual({
      'app/src/pages/index.js': 'record-compat-runtime',
      'mini/pages/index.js': 'record-compat-runtime/native',
    });
    expect(specifiers(read(dir, 'app/src/pages/index.js'))).toContain('record-compat-runtime');
  });

  it("says once per package.json that does not list the runtime package among an app's dependencies, and the command that adds it", async () => {
    const PKG = { '@tarojs/taro': '3.6.40' };
    const dir = makeProject({
      // a project that does not have it yet (the codemod ran with npx): told once, for its two files
      'fresh/package.json': JSON.stringify({ dependencies: PKG }),
      'fresh/src/a.ts': TARO_SOURCE,
      'fresh/src/b.ts': TARO_SOURCE,
      // the tool as a devDependency, as the README says: it brings the runtime into node_modules, but the app does not
      // list it
      'tool/package.json': JSON.stringify({
        dependencies: PKG,
        devDependencies: { 'taro-plugin-record-compat': '^0.1.0' },
      }),
      'tool/node_modules/record-compat-runtime/package.json':
        '{ "name": "record-compat-runtime", "version": "0.1.0" }\n',
      'tool/src/a.ts': TARO_SOURCE,
      // the runtime as a devDependency: WeChat's npm build and a production install leave it out; pnpm's lockfile names
      // the command
      'dev/package.json': JSON.stringify({ dependencies: PKG, devDependencies: { 'record-compat-runtime': '0.1.0' } }),
      'dev/pnpm-lock.yaml': "lockfileVersion: '9.0'\n",
      'dev/src/a.ts': TARO_SOURCE,
      // a yarn project (its packageManager field)
      'yarn/package.json': JSON.stringify({ packageManager: 'yarn@1.22.22', dependencies: PKG }),
      'yarn/src/a.ts': TARO_SOURCE,
      // listed: in dependencies; at a workspace's root above
      'listed/package.json': JSON.stringify({ dependencies: { ...PKG, 'record-compat-runtime': '0.1.0' } }),
      'listed/src/a.ts': TARO_SOURCE,
      'ws/package.json': JSON.stringify({
        private: true,
        workspaces: ['apps/*'],
        dependencies: { 'record-compat-runtime': '0.1.0' },
      }),
      'ws/apps/one/package.json': JSON.stringify({ dependencies: PKG }),
      'ws/apps/one/src/a.ts': TARO_SOURCE,
    });
    const unlisted = (pkg: string, command: string) =>
      `${pkg}/package.json does not list record-compat-runtime, which the files that would change would import: add it to its dependencies (${command}, in ${pkg}/) before the app is built (the app runs the runtime; taro-plugin-record-compat can stay a devDependency)`;
    const warnings = [
      "dev/package.json lists record-compat-runtime among its devDependencies only, which the files that would change would import: the app runs it, so move it to dependencies (pnpm add --save-prod record-compat-runtime, in dev/) before the app is built; WeChat's npm build and a production install (npm ci --omit=dev) leave devDependencies out",
      unlisted('fresh', 'npm install record-compat-runtime'),
      unlisted('tool', 'npm install record-compat-runtime'),
      unlisted('yarn', 'yarn add record-compat-runtime'),
    ];
    const dry = await mainInProcess(dir, ['.', '--dry']);
    expect(dry.stderr.split('\n').filter((l) => l.includes('record-compat-runtime'))).toEqual(
      warnings.map((w) => `warning: ${w}`),
    );
    const real = await mainInProcess(dir, ['.']);
    expect(real.code).toBe(0);
    expect(real.stderr).toContain(
      `warning: ${unlisted('fresh', 'npm install record-compat-runtime').replace('the files that would change would import', 'the changed files now import')}`,
    );
    expect(real.stderr.match(/record-compat-runtime(?:, which| among)/g)).toHaveLength(4);
  });

  it('names the command without a folder for the package.json of the folder it ran in', async () => {
    const dir = makeProject({
      'package.json': JSON.stringify({ dependencies: { '@tarojs/taro': '3.6.40' } }),
      'src/a.ts': TARO_SOURCE,
    });
    const r = await mainInProcess(dir, ['.', '--dry']);
    expect(r.stderr).toContain(
      'warning: package.json does not list record-compat-runtime, which the files that would change would import: add it to its dependencies (npm install record-compat-runtime) before the app is built',
    );
  });

  it('does not take @tarojs/taro-h5 or a comment for @tarojs/taro', async () => {
    const dir = makeProject({
      'pages/index.js': `// ported from @tarojs/taro docs\nimport h5 from '@tarojs/taro-h5'\n${WX_PAGE}`,
    });
    const { report } = await runJsonInProcess(dir, []);
    expect(report.files[0].importSource).toBe('record-compat-runtime/native');
  });
});

describe('--runtime local', () => {
  it('writes one standalone copy into a native mini-program and imports it by relative path', async () => {
    const dir = makeProject({
      'miniprogram/app.json': JSON.stringify({ pages: ['pages/index/index'] }),
      'miniprogram/app.js': 'App({})\n',
      'miniprogram/pages/index/index.js': WX_PAGE,
      'miniprogram/pages/voice/voice.js': WX_PAGE.replace('onStart', 'onHold'),
      'project.config.json': JSON.stringify({ miniprogramRoot: 'miniprogram/' }),
    });
    const r = await mainInProcess(dir, ['.', '--runtime', 'local']);
    expect(r.code).toBe(0);
    const copy = path.join(dir, 'miniprogram', 'utils', 'record-compat.js');
    expect(fs.readFileSync(copy, 'utf8')).toBe(RECORD_JS);
    // Its types beside it: TypeScript (an editor, a checkJs project, audit --verify) reads them for the .js.
    expect(read(dir, 'miniprogram/utils/record-compat.d.ts')).toBe(RECORD_DTS);
    expect(r.stdout).toContain("runtime: wrote miniprogram/utils/record-compat.js (the runtime's record family, ");
    expect(r.stdout).toContain(
      "runtime: wrote miniprogram/utils/record-compat.d.ts (the types of the runtime's record family, ",
    );
    for (const page of ['pages/index/index.js', 'pages/voice/voice.js']) {
      const file = path.join(dir, 'miniprogram', page);
      const imported = [...new Set(specifiers(fs.readFileSync(file, 'utf8')).filter((s) => s.startsWith('.')))];
      expect(imported).toEqual(['../../utils/record-compat']);
      // The specifier resolves to the copy the way the mini-program's require does (.js appended).
      expect(path.resolve(path.dirname(file), imported[0] + '.js')).toBe(copy);
      expect(fs.readFileSync(file, 'utf8')).not.toContain('taro-plugin-record-compat');
    }
    // The project needs no new dependency.
    expect(fs.existsSync(path.join(dir, 'package.json'))).toBe(false);
  });

  it('writes a .ts copy in a TypeScript project, at the path asked for', async () => {
    const dir = makeProject({
      'tsconfig.json': '{}',
      'package.json': JSON.stringify({ dependencies: { '@tarojs/taro': '^4.0.0' } }),
      'src/pages/index.ts': TARO_SOURCE,
    });
    const r = await mainInProcess(dir, ['src', '--runtime', 'local=src/lib/recorder']);
    expect(r.code).toBe(0);
    const copy = path.join(dir, 'src', 'lib', 'recorder.ts');
    expect(fs.readFileSync(copy, 'utf8')).toBe(RECORD_TS);
    expect(specifiers(read(dir, 'src/pages/index.ts'))).toContain('../lib/recorder');
    // A .ts copy carries its own types: no declaration file beside it.
    expect(fs.readdirSync(path.join(dir, 'src', 'lib'))).toEqual(['recorder.ts']);
  });

  it('imports a copy in a folder whose name has a quote by its path, the quote escaped; a path no import can name is refused before anything is read', async () => {
    const dir = makeProject({ 'app.json': '{}', 'pages/index.js': WX_PAGE });
    const result = await migrateInProcess(['.', '--runtime', "local=it's/record-compat.js"], dir);
    expect(result.kind).toBe('done');
    const page = read(dir, 'pages/index.js');
    expect(page).toContain(String.raw`require('../it\'s/record-compat')`);
    // Read back by a parser: the one module it requires is the copy, and no statement came from the path.
    expect(new Set(requiredModules(page))).toEqual(new Set(["../it's/record-compat"]));
    expect(fs.existsSync(path.join(dir, "it's", 'record-compat.js'))).toBe(true);
    for (const asked of ['a\nb/rc.js', 'lib\\rc.js']) {
      expect(() => parseCommandLine(['.', '--runtime', `local=${asked}`], dir, '0.0.0')).toThrow(
        /^option '--runtime local=.*': an import cannot name this path \(it has a backslash, a line break or another control character\)/,
      );
    }
  });

  it('says in the JSON report where the copy went and that it was written', async () => {
    const dir = makeProject({ 'app.json': '{}', 'pages/index.js': WX_PAGE });
    const { code, report } = await runJsonInProcess(dir, ['--runtime', 'local']);
    expect(code).toBe(0);
    expect(report.runtime).toEqual({
      mode: 'local',
      file: 'utils/record-compat.js',
      written: true,
      copies: [
        { file: 'utils/record-compat.js', written: true, families: ['record'] },
        { file: 'utils/record-compat.d.ts', written: true, families: ['record'] },
      ],
    });
    expect(report.files[0].importSource).toBe('../utils/record-compat');
  });

  it('puts the copy under src/ in a Taro project, not in the build output', async () => {
    const dir = makeProject({
      '.gitignore': 'dist/\n',
      'tsconfig.json': '{}',
      'package.json': JSON.stringify({ dependencies: { '@tarojs/taro': '^4.0.0' } }),
      'src/app.config.ts': "export default { pages: ['pages/index/index'] }\n",
      'src/pages/index/index.ts': TARO_SOURCE,
    });
    // A built app.json in dist/ must not attract the copy.
    fs.mkdirSync(path.join(dir, 'dist'));
    fs.writeFileSync(path.join(dir, 'dist', 'app.json'), '{}');
    expect((await mainInProcess(dir, ['--runtime', 'local'])).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'src', 'utils', 'record-compat.ts'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'dist', 'utils'))).toBe(false);
    expect(specifiers(read(dir, 'src/pages/index/index.ts'))).toContain('../../utils/record-compat');
  });

  it('writes nothing, not even the copy, with --dry', async () => {
    const dir = makeProject({ 'app.json': '{}', 'pages/index.js': WX_PAGE });
    const r = await mainInProcess(dir, ['--runtime', 'local', '--dry']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/would write utils\/record-compat\.js \(the runtime's record family, \d+\.\d KB\)/);
    expect(r.stdout).toMatch(
      /would write utils\/record-compat\.d\.ts \(the types of the runtime's record family, \d+\.\d KB\)/,
    );
    expect(fs.existsSync(path.join(dir, 'utils'))).toBe(false);
    expect(gitStatus(dir)).toBe('');
  });

  it('does not write the copy when nothing changed', async () => {
    const dir = makeProject({ 'app.json': '{}', 'pages/index.js': 'Page({})\n' });
    expect((await mainInProcess(dir, ['--runtime', 'local'])).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'utils'))).toBe(false);
  });

  it('refuses to replace a copy of another version, unless --force', async () => {
    const older = olderCopy(RECORD_JS);
    const dir = makeProject({ 'app.json': '{}', 'pages/index.js': WX_PAGE, 'utils/record-compat.js': older });
    const r = await mainInProcess(dir, ['--runtime', 'local']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/record-compat\.js exists and differs/);
    expect(read(dir, 'pages/index.js')).toBe(WX_PAGE);
    // A dry run only warns about it.
    const dry = await mainInProcess(dir, ['--runtime', 'local', '--dry']);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toMatch(/warning: .*record-compat\.js exists and differs/);
    expect(read(dir, 'utils/record-compat.js')).toBe(older);
    const forced = await mainInProcess(dir, ['--runtime', 'local', '--force']);
    expect(forced.code).toBe(0);
    expect(read(dir, 'utils/record-compat.js')).toBe(RECORD_JS);
  });

  it("never replaces a file this tool did not write at the copy's path (WeChat's own utils/util.js), with or without --force: refused before anything is written, naming the path", async () => {
    const util = 'const formatTime = (date) => date.toISOString()\nmodule.exports = { formatTime }\n';
    const dir = makeProject({
      'miniprogram/app.json': APP_JSON,
      'miniprogram/pages/p/p.js': "const util = require('../../utils/util.js')\n" + NATIVE_PAGE,
      'miniprogram/utils/util.js': util,
    });
    // Its uncommitted edits too: --force lets the run write into a dirty tree, never over this file.
    fs.appendFileSync(path.join(dir, 'miniprogram/utils/util.js'), '// not committed yet\n');
    const before = snapshot(dir);
    const refusal =
      'miniprogram/utils/util.js exists and is not a runtime copy written by this tool, so it is never replaced, with or without --force: choose another path with --runtime local=<path>';
    for (const force of [[], ['--force']]) {
      const r = await runJsonInProcess(dir, ['.', '--runtime', 'local=miniprogram/utils/util.js', ...force]);
      expect(r.code).toBe(1);
      expect(r.report.refused).toEqual({ reason: 'runtimeCopy', message: refusal });
      expect(snapshot(dir)).toEqual(before);
    }
    const human = await mainInProcess(dir, ['.', '--runtime', 'local=miniprogram/utils/util.js', '--force']);
    expect(human.code).toBe(1);
    expect(human.stderr).toBe(`error: ${refusal}\n`);
    // A dry run writes nothing: it says what a real run would refuse.
    const dry = await mainInProcess(dir, ['.', '--runtime', 'local=miniprogram/utils/util.js', '--dry']);
    expect(dry.stderr).toContain(`warning: ${refusal}\n`);
    expect(snapshot(dir)).toEqual(before);
  });

  it('never replaces a declaration file this tool did not write beside a .js copy, even with --force, though the copy is an older one', async () => {
    const dir = makeProject({
      'app.json': APP_JSON,
      'pages/p/p.js': NATIVE_PAGE,
      'lib/rc.js': olderCopy(RECORD_JS),
      'lib/rc.d.ts': 'export declare function rc(): void;\n',
    });
    const before = snapshot(dir);
    const r = await runJsonInProcess(dir, ['.', '--runtime', 'local=lib/rc.js', '--force']);
    expect(r.code).toBe(1);
    expect(r.report.refused).toEqual({
      reason: 'runtimeCopy',
      message:
        'lib/rc.d.ts, where the runtime copy lib/rc.js takes its declaration file, exists and is not one written by this tool, so it is never replaced, with or without --force: choose another path with --runtime local=<path>',
    });
    expect(snapshot(dir)).toEqual(before);
  });

  it('knows a runtime copy by the comment at its top, of any version and line ending, and nothing else', () => {
    for (const file of [STANDALONE_JS, STANDALONE_TS, STANDALONE_DTS]) {
      const text = fs.readFileSync(file, 'utf8');
      expect(isRuntimeCopy(text)).toBe(true);
      expect(isRuntimeCopy(olderCopy(text))).toBe(true);
      expect(isRuntimeCopy(text.replace(/\n/g, '\r\n'))).toBe(true);
      // The same words further down (a file quoting a copy's header) do not make a copy.
      expect(isRuntimeCopy('/* my helpers */\n'.repeat(20) + text)).toBe(false);
    }
    expect(isRuntimeCopy('')).toBe(false);
    expect(isRuntimeCopy('module.exports = { formatTime }\n')).toBe(false);
  });

  it('adds to the copy it wrote the families a later run needs, keeping those it held; a copy edited since is rewritten only with --force', async () => {
    const dir = makeProject({ 'app.json': APP_JSON, 'pages/p/p.js': NATIVE_PAGE });
    expect((await mainInProcess(dir, ['--runtime', 'local'])).code).toBe(0);
    expect(read(dir, 'utils/record-compat.js')).toBe(RECORD_JS);
    commitAll(dir);
    // A page that plays a voice, migrated alone: the copy holds both families, the record page still finds its own.
    writeTree(dir, { 'pages/v/v.js': "Page({ play() { wx.playVoice({ filePath: 'a.silk' }) } })\n" });
    commitAll(dir);
    const more = await mainInProcess(dir, ['pages/v', '--runtime', 'local']);
    expect(more.code).toBe(0);
    expect(more.stdout).toMatch(
      /^ {2}runtime: rewrote utils\/record-compat\.js \(the runtime's record and voice families, \d+\.\d KB; it held the record family\)$/m,
    );
    expect(read(dir, 'utils/record-compat.js')).toBe(runtimeCopyText(['record', 'voice'], 'js'));
    expect(read(dir, 'utils/record-compat.d.ts')).toBe(runtimeCopyText(['record', 'voice'], 'dts'));
    commitAll(dir);
    // Edited by hand since: refused, then replaced with --force, holding what its header says it held and what is
    // needed now.
    fs.appendFileSync(path.join(dir, 'utils/record-compat.js'), '// tuned by hand\n');
    writeTree(dir, { 'pages/m/m.js': "Page({ play() { wx.playBackgroundAudio({ dataUrl: 'a.mp3' }) } })\n" });
    commitAll(dir);
    const edited = await mainInProcess(dir, ['--runtime', 'local']);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toMatch(
      /utils\/record-compat\.js exists and differs from this version's runtime \(another version's copy, or edited\); pass --force/,
    );
    expect(read(dir, 'pages/m/m.js')).toContain('wx.playBackgroundAudio');
    expect((await mainInProcess(dir, ['--runtime', 'local', '--force'])).code).toBe(0);
    expect(read(dir, 'utils/record-compat.js')).toBe(runtimeCopyText(['record', 'voice', 'background-audio'], 'js'));
  });

  it('leaves the copy alone on a second run, and changes nothing', async () => {
    const dir = makeProject({ 'app.json': '{}', 'pages/index.js': WX_PAGE });
    expect((await mainInProcess(dir, ['--runtime', 'local'])).code).toBe(0);
    commitAll(dir);
    const { code, report } = await runJsonInProcess(dir, ['--runtime', 'local']);
    expect(code).toBe(0);
    expect(report.summary.changed).toBe(0);
    // The copy itself (which defines startRecord) is never treated as legacy code.
    expect(report.files.map((f: any) => f.path)).not.toContain('utils/record-compat.js');
    expect(gitStatus(dir)).toBe('');
  });
});

/** A native page whose legacy calls the codemod rewrites. */
const NATIVE_PAGE = WX_PAGE;
const APP_JSON = JSON.stringify({ pages: ['pages/p/p'] });

/**
 * The local module each file of `pages` requires, resolved as the file's own require resolves
 * it (Node's resolution from the file's folder, `.js` appended as the mini-program's require
 * does), with the root it must stay in.
 */
function requiredCopies(dir: string, pages: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [page, root] of Object.entries(pages)) {
    const file = path.join(dir, page);
    const local = [...new Set(specifiers(fs.readFileSync(file, 'utf8')).filter((s) => s.startsWith('.')))];
    expect(local, page).toHaveLength(1);
    const resolved = createRequire(file).resolve(local[0]);
    const rel = path.relative(path.join(dir, root), resolved);
    expect(rel.startsWith('..') || path.isAbsolute(rel), `${page} requires ${resolved}, outside ${root}`).toBe(false);
    out[page] = path.relative(dir, resolved).split(path.sep).join('/');
  }
  return out;
}

describe('--runtime local=<path>: where a copy may be written, checked before anything is read', () => {
  /**
   * The run with and without --dry, and under --json: each a usage error naming the option, the value and what is
   * allowed; nothing written, inside or out.
   */
  async function refused(cwd: string, args: string[], said: string, guarded: string[] = []): Promise<void> {
    const before = guarded.map((dir) => snapshot(dir));
    for (const extra of [[], ['--dry'], ['--dry', '--json']]) {
      const r = await mainInProcess(cwd, [...args, ...extra]);
      expect(r.code, `${args.join(' ')} ${extra.join(' ')}`).toBe(2);
      expect(r.stderr).toContain(`error: option '--runtime ${args[args.length - 1]}': `);
      expect(r.stderr).toContain(said);
      if (extra.includes('--json'))
        expect(JSON.parse(r.stdout)).toEqual({ error: expect.stringContaining(said), exitCode: 2 });
    }
    expect(guarded.map((dir) => snapshot(dir))).toEqual(before);
  }

  it('refuses a folder, however it is named (an existing one, `.`, `..` inside, a trailing separator), and says to name a file', async () => {
    const dir = makeProject({
      'package.json': '{}',
      'src/pages/index.js': WX_PAGE,
      'src/utils/util.js': 'module.exports = {}\n',
    });
    for (const [asked, shown, example] of [
      ['src', 'src/', 'src/utils/record-compat.js'],
      ['src/utils', 'src/utils/', 'src/utils/record-compat.js'],
      ['.', 'the current folder', 'utils/record-compat.js'],
      ['./', 'the current folder', 'utils/record-compat.js'],
      ['src/pages/..', 'src/', 'src/utils/record-compat.js'],
      ['lib/', 'lib/', 'lib/utils/record-compat.js'],
    ]) {
      await refused(
        dir,
        ['.', '--runtime', `local=${asked}`],
        `option '--runtime local=${asked}': it names a folder (${shown}), and the runtime copy is one file: name the file, e.g. --runtime local=${example}`,
        [dir],
      );
    }
    expect(fs.existsSync(path.join(dir, 'src.js'))).toBe(false);
  });

  it('refuses a path outside the git repository being migrated, one through a link, and one inside its .git folder', async () => {
    const outside = makeProject({ 'keep.txt': 'mine\n' }, { git: false });
    const dir = makeProject({ 'src/pages/index.js': WX_PAGE });
    fs.symlinkSync(outside, path.join(dir, 'shared'), 'dir');
    commitAll(dir);
    const example = 'e.g. --runtime local=src/utils/record-compat.js';
    const outsideRel = path.relative(dir, path.join(outside, 'rc.js')).split(path.sep).join('/');
    await refused(
      dir,
      ['.', '--runtime', `local=${outsideRel}`],
      `${outsideRel} lies outside the git repository being migrated (the current folder), and this tool writes nothing outside the project it migrates: name a .js or .ts file inside it, ${example}`,
      [dir, outside],
    );
    await refused(
      dir,
      ['.', '--runtime', 'local=../rc.js'],
      '../rc.js lies outside the git repository being migrated (the current folder)',
      [dir],
    );
    await refused(
      dir,
      ['.', '--runtime', 'local=shared/rc.js'],
      `shared/rc.js goes through shared, a symbolic link to ${outside}, and this tool writes nothing through a link (it could lead out of the project, where git sees no change): choose another path, ${example}`,
      [dir, outside],
    );
    await refused(
      dir,
      ['.', '--runtime', 'local=.git/rc.js'],
      ".git/rc.js lies inside a .git folder, which is git's own",
      [dir],
    );
    // From a folder below the root, a path up to the root's own folders is inside.
    const sub = path.join(dir, 'src');
    const inside = await mainInProcess(sub, ['pages', '--runtime', 'local=../lib/rc.js', '--dry', '--json']);
    expect(inside.code).toBe(0);
    expect(JSON.parse(inside.stdout).runtime.copies).toEqual([
      { file: '../lib/rc.js', written: false, families: ['record'] },
      { file: '../lib/rc.d.ts', written: false, families: ['record'] },
    ]);
  });

  it('outside git, keeps the copy inside the folder of the package.json above the paths, else the current folder', async () => {
    const dir = makeProject(
      { 'app/package.json': '{}', 'app/src/pages/index.js': WX_PAGE, 'loose/pages/index.js': WX_PAGE },
      { git: false },
    );
    await refused(
      path.join(dir, 'app'),
      ['src', '--runtime', 'local=../rc.js'],
      '../rc.js lies outside the project being migrated (the current folder, the folder of its package.json)',
      [dir],
    );
    await refused(
      dir,
      ['loose', '--runtime', 'local=../rc.js'],
      '../rc.js lies outside the current folder (the paths migrated are in no git repository and no package)',
      [dir],
    );
    const ok = await mainInProcess(path.join(dir, 'app'), [
      'src/pages',
      '--runtime',
      'local=src/utils/rc.js',
      '--dry',
      '--json',
    ]);
    expect(ok.code).toBe(0);
  });

  it('refuses a path that holds something other than a regular file: a link, a FIFO', async () => {
    const dir = makeProject({ 'pages/index.js': WX_PAGE, 'lib/real.js': 'module.exports = {}\n' });
    fs.symlinkSync('real.js', path.join(dir, 'lib', 'rc.js'));
    commitAll(dir);
    execFileSync('mkfifo', [path.join(dir, 'lib', 'pipe.js')]);
    await refused(
      dir,
      ['pages', '--runtime', 'local=lib/rc.js'],
      'lib/rc.js is a symbolic link, and this tool writes nothing over a link (a new file would replace the link, or the write would land where it leads): choose another path, e.g. --runtime local=pages/utils/record-compat.js',
      [dir],
    );
    await refused(
      dir,
      ['pages', '--runtime', 'local=lib/pipe'],
      'lib/pipe.js is a FIFO (named pipe), not a regular file: choose another path, e.g. --runtime local=pages/utils/record-compat.js',
      [dir],
    );
  });
});

describe('--runtime local: a copy in each root a require may not leave', () => {
  it('writes one copy per mini-program in a repository holding two, each file requiring its own', async () => {
    const dir = makeProject({
      'appA/app.json': APP_JSON,
      'appA/pages/p/p.js': NATIVE_PAGE,
      'appB/app.json': APP_JSON,
      'appB/pages/p/p.js': NATIVE_PAGE,
    });
    const r = await mainInProcess(dir, ['.', '--runtime', 'local']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("runtime: wrote appA/utils/record-compat.js (the runtime's record family, ");
    expect(r.stdout).toContain("runtime: wrote appB/utils/record-compat.js (the runtime's record family, ");
    for (const app of ['appA', 'appB']) expect(read(dir, `${app}/utils/record-compat.js`)).toBe(RECORD_JS);
    expect(requiredCopies(dir, { 'appA/pages/p/p.js': 'appA', 'appB/pages/p/p.js': 'appB' })).toEqual({
      'appA/pages/p/p.js': 'appA/utils/record-compat.js',
      'appB/pages/p/p.js': 'appB/utils/record-compat.js',
    });
    expect(fs.existsSync(path.join(dir, 'utils'))).toBe(false);
  });

  it('lists every copy in the JSON report, and keeps a copy that is up to date as it is', async () => {
    const dir = makeProject({
      'appA/app.json': APP_JSON,
      'appA/pages/p/p.js': NATIVE_PAGE,
      'appA/utils/record-compat.js': RECORD_JS,
      'appB/app.json': APP_JSON,
      'appB/pages/p/p.js': NATIVE_PAGE,
    });
    const copyA = fs.statSync(path.join(dir, 'appA/utils/record-compat.js'));
    const { code, report } = await runJsonInProcess(dir, ['--runtime', 'local']);
    expect(code).toBe(0);
    expect(report.runtime).toEqual({
      mode: 'local',
      file: 'appA/utils/record-compat.js',
      written: false,
      // appA's runtime is there, without its types (as a copy written before they came with it): only they are written.
      copies: [
        { file: 'appA/utils/record-compat.js', written: false, families: ['record'] },
        { file: 'appA/utils/record-compat.d.ts', written: true, families: ['record'] },
        { file: 'appB/utils/record-compat.js', written: true, families: ['record'] },
        { file: 'appB/utils/record-compat.d.ts', written: true, families: ['record'] },
      ],
    });
    // The copy already there is not written again (the same inode, not a replacement).
    expect(fs.statSync(path.join(dir, 'appA/utils/record-compat.js')).ino).toBe(copyA.ino);
    expect(read(dir, 'appA/utils/record-compat.d.ts')).toBe(RECORD_DTS);
    expect(report.files.map((f: any) => [f.path, f.importSource])).toEqual([
      ['appA/pages/p/p.js', '../../utils/record-compat'],
      ['appB/pages/p/p.js', '../../utils/record-compat'],
    ]);
    // The text report says it of each copy.
    gitStatus(dir);
    commitAll(dir);
    fs.appendFileSync(path.join(dir, 'appB/pages/p/p.js'), 'wx.stopRecord()\n');
    commitAll(dir);
    const again = await mainInProcess(dir, ['--runtime', 'local']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      "runtime: appA/utils/record-compat.js is up to date (the runtime's record family)\n",
    );
    expect(again.stdout).toContain(
      "runtime: appB/utils/record-compat.js is up to date (the runtime's record family)\n",
    );
    expect(again.stdout).toContain(
      "runtime: appB/utils/record-compat.d.ts is up to date (the runtime's record family)\n",
    );
  });

  it('refuses a copy whose declaration file is of another version as it refuses the copy, unless --force; --dry warns', async () => {
    const runtime = RECORD_JS;
    const dir = makeProject({
      'app.json': APP_JSON,
      'pages/p/p.js': NATIVE_PAGE,
      'utils/record-compat.js': runtime,
      'utils/record-compat.d.ts': olderCopy(RECORD_DTS),
    });
    const before = snapshot(dir);
    const r = await mainInProcess(dir, ['.', '--runtime', 'local']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /utils\/record-compat\.d\.ts exists and differs from the types of this version's runtime \(another version's copy, or edited\); pass --force to replace it/,
    );
    expect(snapshot(dir)).toEqual(before);
    const dry = await mainInProcess(dir, ['.', '--runtime', 'local', '--dry']);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toMatch(/warning: .*utils\/record-compat\.d\.ts exists and differs/);
    expect(dry.stdout).toContain(
      "runtime: would rewrite utils/record-compat.d.ts (the types of the runtime's record family, ",
    );
    expect(dry.stdout).toContain("runtime: utils/record-compat.js is up to date (the runtime's record family)\n");
    expect(snapshot(dir)).toEqual(before);
    const forced = await runJsonInProcess(dir, ['.', '--runtime', 'local', '--force']);
    expect(forced.code).toBe(0);
    expect(forced.report.runtime.copies).toEqual([
      { file: 'utils/record-compat.js', written: false, families: ['record'] },
      { file: 'utils/record-compat.d.ts', written: true, families: ['record'] },
    ]);
    expect(read(dir, 'utils/record-compat.d.ts')).toBe(RECORD_DTS);
    expect(read(dir, 'utils/record-compat.js')).toBe(runtime);
  });

  it('names the declaration file after a copy asked for by path: rc.js takes rc.d.ts', async () => {
    for (const [asked, copy, types] of [
      ['utils/rc.js', 'utils/rc.js', 'utils/rc.d.ts'],
      ['lib/recorder', 'lib/recorder.js', 'lib/recorder.d.ts'],
    ]) {
      const dir = makeProject({ 'app.json': APP_JSON, 'pages/p/p.js': NATIVE_PAGE });
      const { code, report } = await runJsonInProcess(dir, ['.', '--runtime', `local=${asked}`]);
      expect(code).toBe(0);
      expect(report.runtime.copies).toEqual([
        { file: copy, written: true, families: ['record'] },
        { file: types, written: true, families: ['record'] },
      ]);
      expect(read(dir, types)).toBe(RECORD_DTS);
    }
  });

  it('finds the root project.config.json names (miniprogramRoot), however deep', async () => {
    const dir = makeProject({
      'project.config.json': JSON.stringify({ miniprogramRoot: 'packages/weapp/src/miniprogram/' }),
      'packages/weapp/src/miniprogram/app.json': APP_JSON,
      'packages/weapp/src/miniprogram/pages/p/p.js': NATIVE_PAGE,
    });
    const r = await mainInProcess(dir, ['.', '--runtime', 'local']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(
      "runtime: wrote packages/weapp/src/miniprogram/utils/record-compat.js (the runtime's record family, ",
    );
    expect(
      requiredCopies(dir, { 'packages/weapp/src/miniprogram/pages/p/p.js': 'packages/weapp/src/miniprogram' }),
    ).toEqual({
      'packages/weapp/src/miniprogram/pages/p/p.js': 'packages/weapp/src/miniprogram/utils/record-compat.js',
    });
  });

  // Planned on this thread, and on the planning thread a big tree would use: both choose each file's copy alike.
  it.each(['main', 'worker'])(
    'writes a copy inside an independent subpackage; an ordinary subpackage requires the main copy (planned on the %s thread)',
    async (thread) => {
      const dir = makeProject({
        'app.json': JSON.stringify({
          pages: ['pages/index/index'],
          subpackages: [{ root: 'packageA', pages: ['pages/a/a'] }],
          // The older spelling, and a root written with slashes.
          subPackages: [{ root: '/indep/', pages: ['pages/rec/rec'], independent: true }],
        }),
        'pages/index/index.js': NATIVE_PAGE,
        'packageA/pages/a/a.js': NATIVE_PAGE,
        'indep/pages/rec/rec.js': NATIVE_PAGE,
      });
      // The worker thread exists only in the bin (dist/); in this process the main thread plans.
      const r =
        thread === 'main'
          ? await mainInProcess(dir, ['.', '--runtime', 'local'])
          : runCli(dir, ['.', '--runtime', 'local'], { RECORD_COMPAT_PLAN_THREAD: thread });
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("runtime: wrote indep/utils/record-compat.js (the runtime's record family, ");
      expect(r.stdout).toContain("runtime: wrote utils/record-compat.js (the runtime's record family, ");
      expect(
        requiredCopies(dir, {
          'pages/index/index.js': '.',
          'packageA/pages/a/a.js': '.',
          'indep/pages/rec/rec.js': 'indep',
        }),
      ).toEqual({
        'pages/index/index.js': 'utils/record-compat.js',
        'packageA/pages/a/a.js': 'utils/record-compat.js',
        'indep/pages/rec/rec.js': 'indep/utils/record-compat.js',
      });
      expect(read(dir, 'indep/utils/record-compat.js')).toBe(RECORD_JS);
    },
  );

  it('fails a file whose root --runtime local=<path> lies outside, leaving it byte for byte, and migrates the others', async () => {
    const dir = makeProject({
      'appA/app.json': APP_JSON,
      'appA/pages/p/p.js': NATIVE_PAGE,
      'appB/app.json': APP_JSON,
      'appB/pages/p/p.js': NATIVE_PAGE,
    });
    const before = readBytes(dir, 'appB/pages/p/p.js');
    const r = await mainInProcess(dir, ['.', '--runtime', 'local=appA/lib/rc.js']);
    expect(r.code).toBe(1);
    const reason =
      "the runtime copy appA/lib/rc.js is outside this file's mini-program root appB/ (the folder of its app.json), and a mini-program's require cannot load a file outside its root; " +
      'left as it is: migrate it with `--runtime local` (a copy in each root) or `--runtime local=appB/utils/rc.js`';
    expect(r.stdout).toContain(`failed  appB/pages/p/p.js:4  ${reason}\n`);
    expect(r.stdout).toContain(`  failed (left untouched): 1 file\n    ${reason}\n      appB/pages/p/p.js:4\n`);
    expect(r.stdout).toContain("runtime: wrote appA/lib/rc.js (the runtime's record family, ");
    expect(readBytes(dir, 'appB/pages/p/p.js').equals(before)).toBe(true);
    expect(requiredCopies(dir, { 'appA/pages/p/p.js': 'appA' })).toEqual({ 'appA/pages/p/p.js': 'appA/lib/rc.js' });
    expect(fs.existsSync(path.join(dir, 'appB', 'utils'))).toBe(false);
  });

  it('fails a file of an independent subpackage that --runtime local=<path> would make require the main package', async () => {
    const dir = makeProject({
      'app.json': JSON.stringify({
        pages: ['pages/index/index'],
        subpackages: [{ root: 'sub', pages: ['pages/rec/rec'], independent: true }],
      }),
      'pages/index/index.js': NATIVE_PAGE,
      'sub/pages/rec/rec.js': NATIVE_PAGE,
    });
    const { code, report } = await runJsonInProcess(dir, ['--runtime', 'local=utils/rc.js']);
    expect(code).toBe(1);
    expect(report.failures).toEqual([
      {
        path: 'sub/pages/rec/rec.js',
        line: 4,
        column: null,
        reason:
          "the runtime copy utils/rc.js is outside this file's independent subpackage sub/ (app.json), whose files may require nothing outside it; " +
          'left as it is: migrate it with `--runtime local` (a copy in each root) or `--runtime local=sub/utils/rc.js`',
      },
    ]);
    expect(read(dir, 'sub/pages/rec/rec.js')).toBe(NATIVE_PAGE);
    expect(requiredCopies(dir, { 'pages/index/index.js': '.' })).toEqual({ 'pages/index/index.js': 'utils/rc.js' });
    // Where every file that would import it fails, the copy is not written.
    const alone = makeProject({
      'appA/app.json': APP_JSON,
      'appB/app.json': APP_JSON,
      'appB/pages/p/p.js': NATIVE_PAGE,
    });
    const aloneBefore = snapshot(alone);
    const outside = await runJsonInProcess(alone, ['appB', '--runtime', 'local=appA/rc.js']);
    expect(outside.code).toBe(1);
    expect(outside.report.summary).toMatchObject({ changed: 0, failed: 1 });
    expect(outside.report.runtime.copies).toEqual([
      { file: 'appA/rc.js', written: false, families: [] },
      { file: 'appA/rc.d.ts', written: false, families: [] },
    ]);
    expect(snapshot(alone)).toEqual(aloneBefore);
  });

  it('writes no copy above the repository it was given: a submodule inside a mini-program gets its copy inside itself', async () => {
    // The app's repository, and a library checked out inside it as a repository of its own.
    const app = makeProject({ 'app.json': APP_JSON, 'pages/p/p.js': NATIVE_PAGE });
    const lib = path.join(app, 'vendor', 'reclib');
    writeTree(lib, { 'recorder.js': NATIVE_PAGE });
    gitIn(lib, 'init', '-q');
    commitAll(lib);
    const outsideLib = (rel: string) => rel !== 'vendor/reclib';
    const appBefore = snapshot(app, outsideLib);
    const r = await mainInProcess(lib, ['.', '--runtime', 'local']);
    expect(r.code, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain("runtime: wrote utils/record-compat.js (the runtime's record family, ");
    // The app's require loads it: it is inside the app's root, the folder of app.json.
    expect(requiredCopies(app, { 'vendor/reclib/recorder.js': '.' })).toEqual({
      'vendor/reclib/recorder.js': 'vendor/reclib/utils/record-compat.js',
    });
    expect(snapshot(app, outsideLib)).toEqual(appBefore);
    expect(fs.existsSync(path.join(app, 'utils'))).toBe(false);
  });

  it('fails the files of a mini-program whose app.json cannot be read: whether they are in an independent subpackage is not known', async () => {
    const dir = makeProject({ 'app.json': '{ "pages": [ }', 'sub/pages/rec/rec.js': NATIVE_PAGE });
    const { code, report } = await runJsonInProcess(dir, ['--runtime', 'local']);
    expect(code).toBe(1);
    expect(report.failures).toEqual([
      {
        path: 'sub/pages/rec/rec.js',
        line: 4,
        column: null,
        reason: expect.stringMatching(
          /^its mini-program's app\.json could not be read \(.+\), so whether the file is in an independent subpackage, which may require nothing outside its own root, is not known; left as it is: fix app\.json and run again$/,
        ),
      },
    ]);
    expect(read(dir, 'sub/pages/rec/rec.js')).toBe(NATIVE_PAGE);
    expect(fs.existsSync(path.join(dir, 'utils'))).toBe(false);
  });

  it('with --dry, writes no copy and says which it would write', async () => {
    const dir = makeProject({
      'appA/app.json': APP_JSON,
      'appA/pages/p/p.js': NATIVE_PAGE,
      'appB/app.json': JSON.stringify({
        pages: ['pages/p/p'],
        subpackages: [{ root: 'sub', pages: ['pages/rec/rec'], independent: true }],
      }),
      'appB/pages/p/p.js': 'Page({})\n',
      'appB/sub/pages/rec/rec.js': NATIVE_PAGE,
    });
    const before = snapshot(dir);
    const r = await mainInProcess(dir, ['.', '--runtime', 'local', '--dry']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('would change  appA/pages/p/p.js (2 rewritten → ../../utils/record-compat)');
    expect(r.stdout).toContain('would change  appB/sub/pages/rec/rec.js (2 rewritten → ../../utils/record-compat)');
    const notes = r.stdout.split('\n').filter((l) => l.startsWith('  runtime: '));
    // appB's own copy is not needed: nothing in its main package changes.
    const kb = (text: string) => `${(Buffer.byteLength(text) / 1024).toFixed(1)} KB`;
    expect(notes).toEqual([
      `  runtime: would write appA/utils/record-compat.js (the runtime's record family, ${kb(RECORD_JS)})`,
      `  runtime: would write appA/utils/record-compat.d.ts (the types of the runtime's record family, ${kb(RECORD_DTS)})`,
      `  runtime: would write appB/sub/utils/record-compat.js (the runtime's record family, ${kb(RECORD_JS)})`,
      `  runtime: would write appB/sub/utils/record-compat.d.ts (the types of the runtime's record family, ${kb(RECORD_DTS)})`,
    ]);
    expect(snapshot(dir)).toEqual(before);
    expect(gitStatus(dir)).toBe('');
    // The same refusal as a real run for a path outside a root.
    const outside = await mainInProcess(dir, ['.', '--runtime', 'local=appA/rc.js', '--dry']);
    expect(outside.code).toBe(1);
    expect(outside.stdout).toMatch(
      /^failed {2}appB\/sub\/pages\/rec\/rec\.js:4 {2}the runtime copy appA\/rc\.js is outside this file's independent subpackage appB\/sub\/ \(appB\/app\.json\)/m,
    );
    expect(snapshot(dir)).toEqual(before);
  });

  it('refuses the run before writing anything when the copy of any root differs, unless --force', async () => {
    const dir = makeProject({
      'appA/app.json': APP_JSON,
      'appA/pages/p/p.js': NATIVE_PAGE,
      'appB/app.json': APP_JSON,
      'appB/pages/p/p.js': NATIVE_PAGE,
      'appB/utils/record-compat.js': olderCopy(RECORD_JS),
    });
    const before = snapshot(dir);
    const r = await mainInProcess(dir, ['.', '--runtime', 'local']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/appB\/utils\/record-compat\.js exists and differs/);
    expect(snapshot(dir)).toEqual(before);
  });
});
