/**
 * One classification of a file for the codemod and the audit (classifyFile, file-class.ts; the places
 * in a refused file: refusedFilePlaces; the build-output folders passed over: skipped-folders.ts).
 * Each fault tree is a real git repository; the codemod (the built CLI) and the audit run over the
 * same tree, and their counts are compared class by class: files failed, places left for a person
 * in each file, folders passed over that hold legacy calls. A door that decided on its own would
 * differ here.
 */
import * as fs from 'fs';
import * as path from 'path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertBuilt, auditInProcess, cleanupProjects, makeProject, runCliAsync, type Tree } from './helpers';
import { commitEverything } from '../helpers/temp-project';

beforeAll(assertBuilt);
afterAll(cleanupProjects);

/** What a door said of a tree, class by class. */
interface Counts {
  /** Files that failed (not audited), with the reason. */
  failed: Record<string, string>;
  /** Places left for a person, per file. */
  places: Record<string, number>;
  /** Folders passed over that hold legacy calls, with how many files there name an API. */
  skippedFolders: Record<string, number>;
  /** Files the door counts as refused without failing them (skipped as minified or too large), with the reason. */
  refused: Record<string, string>;
}

async function codemodCounts(dir: string, paths: string[]): Promise<{ counts: Counts; strictCode: number | null }> {
  const [json, strict] = await Promise.all([
    runCliAsync(dir, [...paths, '--dry', '--json']),
    runCliAsync(dir, [...paths, '--dry', '--strict']),
  ]);
  const report = JSON.parse(json.stdout);
  const counts: Counts = { failed: {}, places: {}, skippedFolders: {}, refused: {} };
  for (const f of report.failures) counts.failed[f.path] = f.reason;
  for (const p of report.manualReview) counts.places[p.path] = (counts.places[p.path] ?? 0) + 1;
  for (const s of report.summary.skippedFolders) counts.skippedFolders[s.path] = s.namingLegacyApi;
  for (const f of report.files)
    if (f.skipped && ['minified', 'tooLarge'].includes(f.skipped.reason) && f.manual.length > 0)
      counts.refused[f.path] = f.skipped.reason;
  return { counts, strictCode: strict.code };
}

async function auditCounts(dir: string, paths: string[]): Promise<{ counts: Counts; strictCode: number | null }> {
  const run = await auditInProcess(dir, [...paths, '--json', '--strict']);
  const result = JSON.parse(run.stdout);
  const counts: Counts = { failed: {}, places: {}, skippedFolders: {}, refused: {} };
  for (const f of result.failedFiles) counts.failed[f.file] = f.reason;
  for (const r of result.refusedFiles) if (r.fails) counts.failed[r.file] = r.message;
  for (const f of result.findings) if (f.status === 'manual') counts.places[f.file] = (counts.places[f.file] ?? 0) + 1;
  for (const s of result.skippedFolders) counts.skippedFolders[s.folder] = s.namingLegacyApi;
  for (const r of result.refusedFiles)
    if (!r.fails && result.findings.some((f: { file: string }) => f.file === r.file)) counts.refused[r.file] = r.reason;
  return { counts, strictCode: run.code };
}

/** Nested `depth` deep on one line: minified (long lines) and too deep at once. */
function minifiedAndDeep(call: string, depth = 3_000): string {
  return `${'('.repeat(depth)}${call}${')'.repeat(depth)};var x=${'1+'.repeat(2_000)}1;\n`;
}

function overOneMegabyte(head: string): string {
  const line = 'export const padding = "a line that fills the file up to its limit" // \n';
  return head + line.repeat(Math.ceil((1.1 * 1024 * 1024) / line.length));
}

const GBK = Buffer.from([0xd6, 0xd0, 0xce, 0xc4]);

/** The fault trees, each a repository: a fault, or several that must not mask each other. */
const TREES: { what: string; files: Tree; paths?: string[]; bytesNamed?: string[]; expected: Partial<Counts> }[] = [
  {
    what: 'a minified Taro file nested 3,000 deep calling Taro.startRecord, and the same with wx',
    files: {
      'src/taro.js': `import Taro from '@tarojs/taro';${minifiedAndDeep('Taro.startRecord({})')}`,
      'src/wx.js': minifiedAndDeep('wx.startRecord({})'),
    },
    expected: {
      places: { 'src/taro.js': 1, 'src/wx.js': 1 },
      refused: { 'src/taro.js': 'minified', 'src/wx.js': 'minified' },
    },
  },
  {
    what: 'a file over 1 MB calling the API, through wx and through Taro',
    files: {
      'src/big.js': overOneMegabyte('wx.startRecord({})\n'),
      'src/big-taro.js': overOneMegabyte("import Taro from '@tarojs/taro'\nTaro.stopRecord()\n"),
    },
    expected: { places: { 'src/big.js': 1, 'src/big-taro.js': 1 } },
  },
  {
    what: 'a file minified by its name, one in GBK, one nested too deep (not minified), a UTF-16 one',
    files: {
      'src/lib/sdk.min.js': 'module.exports = function () {\n  wx.startRecord({})\n  wx.stopRecord()\n}\n',
      'src/gbk.js': Buffer.concat([Buffer.from('// '), GBK, Buffer.from('\nwx.startRecord({})\n')]),
      'src/deep.js': `wx.startRecord({})\nexport const x = ${'[\n'.repeat(1_200)}1${']\n'.repeat(1_200)}`,
      'src/u16.js': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('wx.startRecord({})\n', 'utf16le')]),
    },
    expected: {
      places: { 'src/lib/sdk.min.js': 2 },
      failed: {
        'src/gbk.js': 'not valid UTF-8 (GBK or another encoding?): convert it to UTF-8 first',
        'src/deep.js': expect.stringMatching(/^nested too deeply to parse safely/) as unknown as string,
        'src/u16.js': 'not valid UTF-8 (UTF-16 LE): convert it to UTF-8 first',
      },
    },
  },
  {
    what: 'a file whose name is not UTF-8',
    files: { 'src/page.js': 'wx.stopRecord()\n' },
    bytesNamed: ['src/'],
    expected: { failed: { 'src/\\xd6\\xd0.js': expect.stringMatching(/^its name is not UTF-8/) as unknown as string } },
  },
  {
    what: 'a build-output folder copied into components/, and a page app.json lists under pages/build/',
    files: {
      'src/app.json': JSON.stringify({ pages: ['pages/build/build', 'pages/index/index'] }),
      'src/pages/build/build.js': 'wx.startRecord({})\n',
      'src/pages/index/index.js': "import '../../components/vant/dist/index'\nwx.stopRecord()\n",
      'src/components/vant/dist/index.js': 'wx.startRecord({})\nwx.stopRecord()\n',
      'src/components/vant/dist/plain.js': 'module.exports = 1\n',
      'src/build/tool.js': 'module.exports = 1\n',
    },
    expected: { skippedFolders: { 'src/components/vant/dist': 1 } },
  },
  {
    what: 'a legacy canvas the codemod moves with its template, one repeated by wx:for, one with no template',
    files: {
      'src/pages/a/a.js': canvasPage('poster'),
      'src/pages/a/a.wxml': '<canvas canvas-id="poster"></canvas>\n',
      'src/pages/b/b.js': canvasPage('item'),
      'src/pages/b/b.wxml': '<view wx:for="{{list}}"><canvas canvas-id="item"></canvas></view>\n',
      'src/pages/c/c.js': canvasPage('lost'),
    },
    // createCanvasContext, fillRect and draw of each canvas that stays (its setter becomes a property)
    expected: { places: { 'src/pages/b/b.js': 3, 'src/pages/c/c.js': 3 } },
  },
];

/** A page that draws on the canvas `id` with the legacy context. */
function canvasPage(id: string): string {
  return `Page({\n  onReady() {\n    const ctx = wx.createCanvasContext('${id}')\n    ctx.setFillStyle('red')\n    ctx.fillRect(0, 0, 1, 1)\n    ctx.draw()\n  },\n})\n`;
}

describe('the codemod and the audit classify each fault tree alike', () => {
  for (const tree of TREES) {
    it(tree.what, async () => {
      const dir = makeProject(tree.files);
      for (const folder of tree.bytesNamed ?? []) {
        // A name Node cannot open by: written by its bytes, committed as git sees them.
        fs.writeFileSync(
          Buffer.concat([Buffer.from(path.join(dir, folder)), Buffer.from([0xd6, 0xd0]), Buffer.from('.js')]),
          'wx.startRecord({})\n',
        );
        commitEverything(dir, 'a name in GBK');
      }
      const paths = tree.paths ?? ['src'];
      const [codemod, audit] = await Promise.all([codemodCounts(dir, paths), auditCounts(dir, paths)]);
      expect(codemod.counts).toMatchObject(tree.expected);
      expect(audit.counts).toEqual(codemod.counts);
      // Something is left in every tree: both doors fail for it under --strict.
      expect(codemod.strictCode).toBe(1);
      expect(audit.strictCode).toBe(1);
    });
  }

  it('a minified Taro bundle nested 3,000 deep: its call is a place for a person in both, the file counted as naming the API', async () => {
    const dir = makeProject(TREES[0].files);
    const json = JSON.parse((await runCliAsync(dir, ['src', '--dry', '--json'])).stdout);
    expect(json.summary.namingLegacyApi).toBe(2);
    expect(json.manualReview).toEqual([
      expect.objectContaining({ path: 'src/taro.js', line: 1, column: 3032 }),
      expect.objectContaining({ path: 'src/wx.js', line: 1, column: 3000 }),
    ]);
    expect(json.manualReview[0].reason).toMatch(/^startRecord: minified or bundled code \(long lines\)/);
  });

  it('a page app.json lists is migrated and audited whatever its folder is named; the copied dist is neither, and said once', async () => {
    const dir = makeProject(TREES[4].files);
    const [codemod, audit] = await Promise.all([
      runCliAsync(dir, ['src', '--dry']),
      auditInProcess(dir, ['src', '--json']),
    ]);
    expect(codemod.stdout).toContain('would change  src/pages/build/build.js');
    const line =
      'skipped as build output: src/components/vant/dist (1 file in it names a legacy API): not migrated; if the app runs it as it is, give the folder as a path';
    expect(codemod.stdout).toContain(`\n  ${line}\n`);
    const result = JSON.parse(audit.stdout);
    expect(result.findings.map((f: { file: string; status: string }) => `${f.file} ${f.status}`)).toEqual([
      'src/pages/build/build.js handled',
      'src/pages/index/index.js handled',
    ]);
    expect(result.skippedFolders).toEqual([{ folder: 'src/components/vant/dist', namingLegacyApi: 1 }]);
    // Only --strict fails for it, in both.
    expect(audit.code).toBe(0);
    expect(codemod.code).toBe(0);
    expect((await auditInProcess(dir, ['src', '--strict'])).code).toBe(1);
    const strict = await runCliAsync(dir, ['src', '--dry', '--strict']);
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('--strict: a folder passed over holds legacy calls, exit code 1\n');
    // Given as a path, the folder is migrated, as any.
    expect((await runCliAsync(dir, ['src/components/vant/dist', '--dry'])).stdout).toContain(
      'would change  src/components/vant/dist/index.js',
    );
  });

  it('a build-output folder git ignores is passed over in silence, as before', async () => {
    const dir = makeProject({
      '.gitignore': 'dist/\n',
      'src/page.js': 'wx.stopRecord()\n',
      'dist/page.js': 'wx.stopRecord()\n',
    });
    const [codemod, audit] = await Promise.all([
      runCliAsync(dir, ['.', '--dry', '--json']),
      auditInProcess(dir, ['.', '--json']),
    ]);
    expect(JSON.parse(codemod.stdout).summary.skippedFolders).toEqual([]);
    expect(JSON.parse(audit.stdout).skippedFolders).toEqual([]);
  });
});
