import * as fs from 'fs';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, cleanupProjects, commitAll, gitStatus, makeProject, read, ROOT, runCli, runJson, TARO_SOURCE, WX_PAGE } from './helpers';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

const STANDALONE_JS = path.join(ROOT, 'dist', 'runtime', 'standalone', 'record-compat.js');
const STANDALONE_TS = path.join(ROOT, 'dist', 'runtime', 'standalone', 'record-compat.ts');

/** The module specifiers a file imports or requires. */
function specifiers(text: string): string[] {
  return [...text.matchAll(/(?:from\s+|require\()\s*['"]([^'"]+)['"]/g)].map((m) => m[1]);
}

describe('runtime entry per file (--runtime package)', () => {
  it('uses the Taro entry for files importing @tarojs/taro and the native entry for the others', () => {
    const dir = makeProject({
      'taro/record.ts': TARO_SOURCE,
      'native/pages/index.js': WX_PAGE,
    });
    expect(runCli(dir, []).code).toBe(0);
    expect(specifiers(read(dir, 'taro/record.ts'))).toContain('taro-plugin-record-compat/runtime');
    expect(specifiers(read(dir, 'native/pages/index.js'))).toContain('taro-plugin-record-compat/runtime/native');
    expect(specifiers(read(dir, 'native/pages/index.js'))).not.toContain('taro-plugin-record-compat/runtime');
  });

  it("uses the Taro entry for a wx.* call in a project whose nearest package.json depends on @tarojs/taro", () => {
    const dir = makeProject({
      'app/package.json': JSON.stringify({ dependencies: { '@tarojs/taro': '^4.0.0' } }),
      'app/src/pages/index.js': WX_PAGE,
      'mini/package.json': JSON.stringify({ dependencies: { dayjs: '^1.0.0' } }),
      'mini/pages/index.js': WX_PAGE,
    });
    const { report } = runJson(dir, []);
    const entry = Object.fromEntries(report.files.map((f: any) => [f.path, f.importSource]));
    expect(entry).toEqual({
      'app/src/pages/index.js': 'taro-plugin-record-compat/runtime',
      'mini/pages/index.js': 'taro-plugin-record-compat/runtime/native',
    });
    expect(specifiers(read(dir, 'app/src/pages/index.js'))).toContain('taro-plugin-record-compat/runtime');
  });

  it('does not take @tarojs/taro-h5 or a comment for @tarojs/taro', () => {
    const dir = makeProject({ 'pages/index.js': `// ported from @tarojs/taro docs\nimport h5 from '@tarojs/taro-h5'\n${WX_PAGE}` });
    const { report } = runJson(dir, []);
    expect(report.files[0].importSource).toBe('taro-plugin-record-compat/runtime/native');
  });
});

describe('--runtime local', () => {
  it('writes one standalone copy into a native mini-program and imports it by relative path', () => {
    const dir = makeProject({
      'miniprogram/app.json': JSON.stringify({ pages: ['pages/index/index'] }),
      'miniprogram/app.js': 'App({})\n',
      'miniprogram/pages/index/index.js': WX_PAGE,
      'miniprogram/pages/voice/voice.js': WX_PAGE.replace('onStart', 'onHold'),
      'project.config.json': JSON.stringify({ miniprogramRoot: 'miniprogram/' }),
    });
    const r = runCli(dir, ['.', '--runtime', 'local']);
    expect(r.code).toBe(0);
    const copy = path.join(dir, 'miniprogram', 'utils', 'record-compat.js');
    expect(fs.readFileSync(copy, 'utf8')).toBe(fs.readFileSync(STANDALONE_JS, 'utf8'));
    expect(r.stdout).toContain('miniprogram/utils/record-compat.js');
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

  it('writes a .ts copy in a TypeScript project, at the path asked for', () => {
    const dir = makeProject({
      'tsconfig.json': '{}',
      'package.json': JSON.stringify({ dependencies: { '@tarojs/taro': '^4.0.0' } }),
      'src/pages/index.ts': TARO_SOURCE,
    });
    const r = runCli(dir, ['src', '--runtime', 'local=src/lib/recorder']);
    expect(r.code).toBe(0);
    const copy = path.join(dir, 'src', 'lib', 'recorder.ts');
    expect(fs.readFileSync(copy, 'utf8')).toBe(fs.readFileSync(STANDALONE_TS, 'utf8'));
    expect(specifiers(read(dir, 'src/pages/index.ts'))).toContain('../lib/recorder');
  });

  it('says in the JSON report where the copy went and that it was written', () => {
    const dir = makeProject({ 'app.json': '{}', 'pages/index.js': WX_PAGE });
    const { code, report } = runJson(dir, ['--runtime', 'local']);
    expect(code).toBe(0);
    expect(report.runtime).toEqual({ mode: 'local', file: 'utils/record-compat.js', written: true });
    expect(report.files[0].importSource).toBe('../utils/record-compat');
  });

  it('puts the copy under src/ in a Taro project, not in the build output', () => {
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
    expect(runCli(dir, ['--runtime', 'local']).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'src', 'utils', 'record-compat.ts'))).toBe(true);
    expect(fs.existsSync(path.join(dir, 'dist', 'utils'))).toBe(false);
    expect(specifiers(read(dir, 'src/pages/index/index.ts'))).toContain('../../utils/record-compat');
  });

  it('writes nothing, not even the copy, with --dry', () => {
    const dir = makeProject({ 'app.json': '{}', 'pages/index.js': WX_PAGE });
    const r = runCli(dir, ['--runtime', 'local', '--dry']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/would write the standalone runtime to utils\/record-compat\.js/);
    expect(fs.existsSync(path.join(dir, 'utils'))).toBe(false);
    expect(gitStatus(dir)).toBe('');
  });

  it('does not write the copy when nothing changed', () => {
    const dir = makeProject({ 'app.json': '{}', 'pages/index.js': 'Page({})\n' });
    expect(runCli(dir, ['--runtime', 'local']).code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'utils'))).toBe(false);
  });

  it('refuses to replace a copy that differs, unless --force', () => {
    const dir = makeProject({ 'app.json': '{}', 'pages/index.js': WX_PAGE, 'utils/record-compat.js': '// my own edits\n' });
    const r = runCli(dir, ['--runtime', 'local']);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/record-compat\.js exists and differs/);
    expect(read(dir, 'pages/index.js')).toBe(WX_PAGE);
    // A dry run only warns about it.
    const dry = runCli(dir, ['--runtime', 'local', '--dry']);
    expect(dry.code).toBe(0);
    expect(dry.stderr).toMatch(/warning: .*record-compat\.js exists and differs/);
    expect(read(dir, 'utils/record-compat.js')).toBe('// my own edits\n');
    const forced = runCli(dir, ['--runtime', 'local', '--force']);
    expect(forced.code).toBe(0);
    expect(read(dir, 'utils/record-compat.js')).toBe(fs.readFileSync(STANDALONE_JS, 'utf8'));
  });

  it('leaves the copy alone on a second run, and changes nothing', () => {
    const dir = makeProject({ 'app.json': '{}', 'pages/index.js': WX_PAGE });
    expect(runCli(dir, ['--runtime', 'local']).code).toBe(0);
    commitAll(dir);
    const { code, report } = runJson(dir, ['--runtime', 'local']);
    expect(code).toBe(0);
    expect(report.summary.changed).toBe(0);
    // The copy itself (which defines startRecord) is never treated as legacy code.
    expect(report.files.map((f: any) => f.path)).not.toContain('utils/record-compat.js');
    expect(gitStatus(dir)).toBe('');
  });
});
