/** One module decides file kinds for every door: these answers are what the CLI, the build plugin and the audit use. */
import { describe, expect, it } from 'vitest';
import { parseForRewrite } from '../../src/rewrite/file/parse';
import {
  blockExtension,
  isRewritableFile,
  isScriptFile,
  isSkippedFolder,
  isVueFile,
  parserForFile,
} from '../../src/rewrite/rules/file-kinds';
import { isScriptFile as pluginIsScriptFile } from '../../src/taro-plugin/files';

describe('file kinds', () => {
  it.each([
    ['a.js', 'tsx'],
    ['a.jsx', 'tsx'],
    ['a.mjs', 'tsx'],
    ['a.cjs', 'tsx'],
    ['a.ts', 'ts'],
    ['a.mts', 'ts'],
    ['a.cts', 'ts'],
    ['a.tsx', 'tsx'],
    ['a.d.ts', null],
    ['a.d.mts', null],
    ['A.vue', null],
    ['a.json', null],
    ['a.wxs', null],
  ])('%s parses as %s', (file, parser) => {
    expect(parserForFile(file)).toBe(parser);
  });

  it('the engine parses .ts without JSX (a `<T>x` cast) and the rest with it, with either parser', () => {
    for (const parser of ['oxc', 'babel'] as const) {
      expect(parseForRewrite('const n = <number>x; wx.startRecord()', 'ts', parser).parser).toBe(parser);
      expect(parseForRewrite('const e = <View />; wx.startRecord()', 'tsx', parser).parser).toBe(parser);
    }
  });

  it('the build plugin and the engine agree on what is in scope (the CLI walk asks isRewritableFile itself)', () => {
    for (const file of ['a.js', 'a.mts', 'a.cts', 'A.vue', 'a.d.ts', 'a.json', 'b.min.js', 'a.tsx']) {
      expect(pluginIsScriptFile(file), file).toBe(isScriptFile(file));
    }
    expect(isRewritableFile('a.d.ts')).toBe(false);
    expect(isScriptFile('a.d.ts')).toBe(true); // the audit reads declarations: they type the project
    expect(isVueFile('Page.VUE')).toBe(true);
  });

  it('maps a <script lang> to the extension it is parsed as', () => {
    expect(blockExtension('typescript')).toBe('ts');
    expect(blockExtension('ts')).toBe('ts');
    expect(blockExtension('javascript')).toBe('js');
    expect(blockExtension('babel')).toBe('js');
    expect(blockExtension('tsx')).toBe('tsx');
    expect(blockExtension('coffee')).toBeNull();
  });

  it('prunes dependency, build-output and hidden folders in every walk', () => {
    for (const name of [
      'node_modules',
      'miniprogram_npm',
      'dist',
      'build',
      'unpackage',
      'coverage',
      '.git',
      '.cache',
      '.swc',
    ])
      expect(isSkippedFolder(name), name).toBe(true);
    for (const name of ['src', 'pages', 'components', 'distribution']) expect(isSkippedFolder(name), name).toBe(false);
  });
});
