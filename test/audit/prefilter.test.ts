import { describe, expect, it } from 'vitest';
import * as fs from 'fs';
import * as path from 'path';
import { checkerTexts, createAuditProject } from '../../src/audit/project';
import { loadConfig } from '../../src/audit/config';
import { selectFiles } from '../../src/audit/selection';
import { usesNamespaceAsValue } from '../../src/audit/read';
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
      'src/api.js': 'export const api = wx\n',
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

describe('what the type checker reads', () => {
  it("is the text the pre-filter read, once per file, even when the file changes on disk in between (the byte order mark dropped, as TypeScript's own read does)", () => {
    const first = "import Taro from '@tarojs/taro'\nexport const go = () => Taro.startRecord({})\n";
    const p = makeProject({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true } }),
      'src/a.ts': `\uFEFF${first}`,
    });
    try {
      const config = loadConfig(p.dir, [], undefined);
      const selection = selectFiles(config);
      const file = [...selection.scan][0];
      // Edited while the audit runs: a line above moves every position.
      fs.writeFileSync(path.join(p.dir, 'src/a.ts'), `// a new first line\n${first}`);
      const { program } = createAuditProject(
        config.options,
        selection.scan,
        {},
        new Map(),
        checkerTexts(selection.texts, []),
      );
      expect(program.getSourceFile(file)!.text).toBe(first);
      expect(selection.texts.get(file)).toBe(`\uFEFF${first}`);
    } finally {
      p.remove();
    }
  });
});
