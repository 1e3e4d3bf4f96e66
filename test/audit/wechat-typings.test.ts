/**
 * The scan reads WeChat's typings (2 MB) only where a file of its program may reach them: a Taro-only program goes
 * without. Each folder of one project, audited alone as the audit builds its program, finds what it finds with the
 * typings always read: a file that names `wx`, the old lifecycles of `Component({ … })`, the API object typed with
 * WeChat's types by a helper the file imports or by a package's declarations.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig, scanTypes } from '../../src/audit/config';
import { checkerTexts, createAuditProject, typeCheckedProject } from '../../src/audit/project';
import { ReferenceScanner, type RawFinding } from '../../src/audit/scan';
import { selectFiles } from '../../src/audit/selection';
import { makeProject, type TempProject } from './helpers';

const FILES: Record<string, string> = {
  'taro/a.js':
    "import Taro from '@tarojs/taro'\nexport const rec = Taro.startRecord\nTaro.stopRecord({ success() {} })\n",
  'taro/b.ts': [
    "import Taro, { getSystemInfoSync } from '@tarojs/taro'",
    "import { rec } from './a'",
    'rec({})',
    'const { playVoice } = Taro',
    "playVoice({ filePath: '' })",
    'getSystemInfoSync()',
    '',
  ].join('\n'),
  'wx/page.js': 'Page({ onLoad() { wx.startRecord({}); const api = wx; api.stopRecord() } })\n',
  'lifetimes/comp.js': 'Component({ attached() {}, detached() {} })\nBehavior({ ready() {} })\n',
  // A helper types the API object with WeChat's types; the file that calls the old API through it names nothing of
  // WeChat's, and the helper names no API (the pre-filter leaves it out of the scan, the program reads it).
  'helper/platform.ts': 'export const api = {} as WechatMiniprogram.Wx\n',
  'helper/record.ts': "import { api } from './platform'\napi.startRecord({})\napi.stopRecord()\n",
  // The same through a package's declarations.
  'node_modules/platform-kit/package.json': JSON.stringify({
    name: 'platform-kit',
    version: '1.0.0',
    types: 'index.d.ts',
  }),
  'node_modules/platform-kit/index.d.ts': 'export declare const api: WechatMiniprogram.Wx\n',
  'package/voice.ts': "import { api } from 'platform-kit'\napi.playVoice({ filePath: '' })\n",
};

/** What the Taro-only folder finds: through Taro's typings alone. */
const TARO = [
  'taro/a.js:2 startRecord Taro member',
  'taro/a.js:3 stopRecord Taro member',
  'taro/b.ts:1 getSystemInfoSync Taro import',
  'taro/b.ts:3 startRecord Taro alias',
  'taro/b.ts:4 playVoice Taro destructure',
  'taro/b.ts:5 playVoice Taro alias',
  'taro/b.ts:6 getSystemInfoSync Taro alias',
];

/** What the folders that need WeChat's typings find with them: each through WeChat's types. */
const NEEDING = {
  wx: ['wx/page.js:1 startRecord wx member', 'wx/page.js:1 stopRecord wx member'],
  lifetimes: [
    'lifetimes/comp.js:1 Component.attached wx member',
    'lifetimes/comp.js:1 Component.detached wx member',
    'lifetimes/comp.js:2 Component.ready wx member',
  ],
  helper: ['helper/record.ts:2 startRecord wx member', 'helper/record.ts:3 stopRecord wx member'],
  package: ['package/voice.ts:2 playVoice wx member'],
};

/** A finding as a verdict reads it: where, which API, whose, how reached (member, alias, import…). */
function verdictsOf(findings: RawFinding[], dir: string): string[] {
  return findings
    .map((f) => {
      const { line } = f.sourceFile.getLineAndCharacterOfPosition(f.reference.getStart(f.sourceFile));
      return `${f.file.slice(dir.length + 1)}:${line + 1} ${f.api} ${f.owner} ${f.kind}`;
    })
    .sort();
}

/** The scan's verdicts on `paths`, and whether it read WeChat's typings: as the audit builds it, or always with them. */
function scanOf(
  dir: string,
  paths: string[],
  wechatTypings: 'as the audit' | 'always',
): { verdicts: string[]; read: boolean } {
  const config = loadConfig(dir, paths, undefined);
  const selection = selectFiles(config);
  const { program, checker } =
    wechatTypings === 'always'
      ? createAuditProject(
          config.options,
          selection.scan,
          scanTypes(config.options),
          new Map(),
          checkerTexts(selection.texts, []),
          new Map(),
          'always',
        )
      : typeCheckedProject(config.options, selection, new Map(), new Map(), new Map(), undefined);
  const found = new ReferenceScanner(checker, dir).scan([...selection.scan].map((f) => program.getSourceFile(f)!));
  return {
    verdicts: verdictsOf(found, dir),
    read: program.getSourceFiles().some((sf) => sf.fileName.includes('/miniprogram-api-typings/')),
  };
}

describe("the scan without WeChat's typings where no file may reach them", () => {
  let project: TempProject;
  beforeAll(() => {
    project = makeProject(FILES);
  });
  afterAll(() => project.remove());

  it('audits a Taro-only folder without them, with the verdicts it has with them (aliases, imports, destructuring)', () => {
    expect(scanOf(project.dir, ['taro'], 'always')).toEqual({ verdicts: TARO, read: true });
    expect(scanOf(project.dir, ['taro'], 'as the audit')).toEqual({ verdicts: TARO, read: false });
  });

  it.each(Object.entries(NEEDING))(
    "reads them for %s/, whose verdicts come from WeChat's types",
    (folder, expected) => {
      expect(scanOf(project.dir, [folder], 'as the audit')).toEqual({ verdicts: expected, read: true });
    },
  );

  it('reads them for a project mixing files that name wx and files that do not: every verdict of each', () => {
    expect(scanOf(project.dir, [], 'as the audit')).toEqual({
      verdicts: [...TARO, ...Object.values(NEEDING).flat()].sort(),
      read: true,
    });
  });
});
