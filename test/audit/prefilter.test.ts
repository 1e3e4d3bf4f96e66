import { describe, expect, it } from 'vitest';
import { loadConfig, selectFiles, usesNamespaceAsValue } from '../../src/audit/project';
import { makeProject } from './helpers';

describe('usesNamespaceAsValue', () => {
  it.each([
    ['wx[name](option)', true],
    ['const api = Taro', true],
    ['promisifyAll(wx)', true],
    ['Taro?.[key]', true],
    ['export default { api: Taro }', true],
    ["const Taro = require('@tarojs/taro')", true],
  ])('%s → %s', (text, expected) => {
    expect(usesNamespaceAsValue(text)).toBe(expected);
  });

  it.each([
    ["import Taro from '@tarojs/taro'\nTaro.request({ url })", false],
    ["import * as Taro from '@tarojs/taro'\nTaro.getSetting()", false],
    ["import Taro, { useDidShow } from '@tarojs/taro'\nTaro . navigateTo({ url })", false],
    ['wx.request({}); wx?.login()', false],
    ['const wxConfig = 1; const TaroUi = 2', false],
  ])('%s → %s', (text, expected) => {
    expect(usesNamespaceAsValue(text)).toBe(expected);
  });
});

describe('selectFiles', () => {
  it('scans files naming the API, using the namespace as a value, and their importers, and nothing else', () => {
    const p = makeProject({
      'tsconfig.json': JSON.stringify({ compilerOptions: { allowJs: true } }),
      'src/a.ts': "import Taro from '@tarojs/taro'\nexport const rec = Taro.startRecord\n",
      'src/b.ts': "import { rec } from './a'\nexport { rec }\n",
      'src/c.ts': "import { rec } from './b'\nrec({})\n",
      'src/api.js': "export const api = wx\n",
      'src/use-api.js': "import { api } from './api.js'\napi[key]()\n",
      'src/other.ts': "import Taro from '@tarojs/taro'\nTaro.request({ url: '/' })\n",
      'src/unrelated.ts': "import { x } from './other'\nexport const y = x\n",
    });
    try {
      const config = loadConfig(p.dir, [], undefined);
      const scanned = [...selectFiles(config).scan].map((f) => f.slice(p.dir.length + 1)).sort();
      expect(scanned).toEqual(['src/a.ts', 'src/api.js', 'src/b.ts', 'src/c.ts', 'src/use-api.js']);
    } finally {
      p.remove();
    }
  });
});
