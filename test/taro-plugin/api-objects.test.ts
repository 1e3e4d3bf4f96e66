/**
 * The build plugin's Babel pass on an API object reached through an expression (left, and listed for
 * manual review with its line) and on a page that loads another runtime entry (the new names join
 * it): the engine's verdicts, as every door has them.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { transformSync } from '@babel/core';
import { afterAll, describe, expect, it } from 'vitest';
import buildPlugin from '../../src/taro-plugin/babel-build';
import { ReportCollector, formatSummary, registerCollector } from '../../src/taro-plugin/collector';

describe("the build plugin's Babel pass", () => {
  const app = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-api-objects-'));
  afterAll(() => fs.rmSync(app, { recursive: true, force: true }));

  function build(files: Record<string, string>): { codes: Record<string, string>; summary: string } {
    const collector = new ReportCollector(app);
    collector.beginBuild();
    const withPlugin = [
      buildPlugin,
      { rewrite: { importSource: 'record-compat-runtime' }, collectorId: registerCollector(collector) },
    ];
    const codes: Record<string, string> = {};
    for (const [name, code] of Object.entries(files)) {
      const filename = path.join(app, name);
      codes[name] = transformSync(code, {
        filename,
        babelrc: false,
        configFile: false,
        parserOpts: { plugins: ['jsx'] },
        plugins: [withPlugin],
      })!.code!;
    }
    return { codes, summary: formatSummary(collector.summary()) };
  }

  it('lists a legacy call through an expression for manual review and leaves it; rewrites the one beside it', () => {
    const page = [
      "import Taro from '@tarojs/taro'",
      "const api = process.env.TARO_ENV === 'weapp' ? wx : Taro",
      'export const width = () => api.getSystemInfoSync().windowWidth',
      'export const stop = () => Taro.stopRecord()',
      '',
    ].join('\n');
    const { codes, summary } = build({ 'src/pages/a.js': page });
    expect(codes['src/pages/a.js']).toContain('api.getSystemInfoSync().windowWidth');
    expect(summary).toBe(
      '[record-compat] rewrote 1 legacy record call in 1 file; 1 place left for manual review: src/pages/a.js:3',
    );
  });

  it("joins the new names to a page's import of another runtime entry", () => {
    const page = [
      "import Taro from '@tarojs/taro'",
      "import { startRecord } from 'record-compat-runtime/native'",
      'export const start = () => startRecord({})',
      'export const stop = () => Taro.stopRecord()',
      '',
    ].join('\n');
    const { codes } = build({ 'src/pages/b.js': page });
    expect(codes['src/pages/b.js']).toContain(
      "import { startRecord, stopRecord } from 'record-compat-runtime/native';",
    );
    expect(codes['src/pages/b.js']).not.toMatch(/from ["']record-compat-runtime["']/);
  });
});
