/**
 * The table of deprecated APIs is the one list every part reads: the docs show it as it is,
 * and the pre-filter and matcher take every rewritten row.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  LEGACY_APIS,
  LEGACY_API_NAMES,
  legacyApiTableMarkdown,
  mightContainLegacyCall,
  mightContainLegacyRecordCall,
  rewriteSource,
} from '../../src/rewrite';
import {
  JS_SDK,
  LEGACY_API_TABLE,
  isLegacyApiName,
  isRewrittenApi,
  isRoutedAppApi,
  legacyApiRow,
  PLATFORM_GLOBALS,
  ROUTED_APP_APIS,
} from '../../src/rewrite/rules/legacy-apis';

const DOC = path.join(__dirname, '../../docs/legacy-apis.md');

describe('the table of legacy APIs', () => {
  it('is what docs/legacy-apis.md shows', () => {
    const doc = readFileSync(DOC, 'utf8');
    const table = /<!-- legacy-api-table:start -->\n([\s\S]*?)<!-- legacy-api-table:end -->/.exec(doc)?.[1];
    expect(table, 'docs/legacy-apis.md: the table between the legacy-api-table markers').toBe(legacyApiTableMarkdown());
  });

  it('says in docs/legacy-apis.md, below the table, how each routed app API is routed: the option the one-file doors take', () => {
    const prose = readFileSync(DOC, 'utf8').split('<!-- legacy-api-table:end -->')[1];
    for (const api of ROUTED_APP_APIS) {
      expect(prose, api).toContain(`\`${api}\``);
      expect(prose, api).toContain(`\`${legacyApiRow(api)!.routeOption}\``);
    }
  });

  it('has every web JS-SDK method that marks a file named in docs/legacy-apis.md', () => {
    const text = readFileSync(DOC, 'utf8');
    expect(
      JS_SDK.onlyMethods.filter((method) => !text.includes(`\`${method === 'ready' ? 'wx.ready' : method}\``)),
    ).toEqual([]);
  });

  it('names each API once, and every rewritten API has a runtime export of its name', () => {
    const names = LEGACY_API_TABLE.map((row) => row.name);
    expect(new Set(names).size).toBe(names.length);
    for (const api of LEGACY_APIS) {
      expect(isRewrittenApi(api)).toBe(true);
      expect(LEGACY_API_TABLE.find((row) => row.name === api)).toMatchObject({ runtimeExport: api });
    }
    expect(isLegacyApiName('showToast')).toBe(false);
  });

  const elementDriving = LEGACY_APIS.filter((api) => legacyApiRow(api)!.drivesElement);

  it.each(LEGACY_APIS.filter((api) => !legacyApiRow(api)!.drivesElement).map((api) => [api]))(
    '%s passes the pre-filter and is rewritten on the platform globals it is deprecated on and Taro, and left on the others',
    (api) => {
      // the app's own managers only in a project with legacy calls of their family
      const options = isRoutedAppApi(api) ? { [legacyApiRow(api)!.routeOption!]: true } : {};
      expect(mightContainLegacyCall(`x.${api}`, options)).toBe(true);
      const source = [`import Taro from '@tarojs/taro'`, `wx.${api}({})`, `qq.${api}({})`, `Taro.${api}({})`, ''].join(
        '\n',
      );
      const { output, report } = rewriteSource(source, 'page.js', options);
      const on = legacyApiRow(api)!.onlyOn ?? PLATFORM_GLOBALS;
      expect(report.rewritten.map((s) => [s.api, s.via])).toEqual(
        [...['wx', 'qq'].filter((name) => on.includes(name)), 'Taro'].map((via) => [api, via]),
      );
      expect(output).toMatch(new RegExp(`import \\{ ${api}[ ,].*\\} from 'record-compat-runtime'`));
      // a platform the API is not deprecated on keeps its own call (docs/contract.md, section 12)
      for (const name of ['wx', 'qq'].filter((global) => !on.includes(global)))
        expect(output).toContain(`${name}.${api}({})`);
    },
  );

  it('has createAudioContext and createCanvasContext as the APIs that drive a template element', () => {
    expect(elementDriving).toEqual(['createAudioContext', 'createCanvasContext']);
  });

  // The canvas, which moves with its template, only where a door writes it: its fixtures (canvas-wx-*).
  it.each(elementDriving.filter((api) => legacyApiRow(api)!.drivesElement === 'audio').map((api) => [api]))(
    "%s passes the pre-filter, is rewritten on wx, qq and Taro where the page's element allows it, and reported where no template is found",
    (api) => {
      const tag = legacyApiRow(api)!.drivesElement!;
      expect(mightContainLegacyCall(`x.${api}`)).toBe(true);
      const dir = mkdtempSync(path.join(tmpdir(), 'record-compat-element-'));
      try {
        const page = path.join(dir, 'page.js');
        writeFileSync(path.join(dir, 'page.wxml'), `<${tag} id="x"></${tag}>\n`);
        const source = [
          `import Taro from '@tarojs/taro'`,
          `wx.${api}('x')`,
          `qq.${api}('x')`,
          `Taro.${api}('x')`,
          '',
        ].join('\n');
        const { output, report } = rewriteSource(source, page);
        expect(report.rewritten.map((s) => [s.api, s.via])).toEqual([
          [api, 'wx'],
          [api, 'qq'],
          [api, 'Taro'],
        ]);
        expect(output).toContain(`import { ${api} } from 'record-compat-runtime'`);
        // the same file without its template: left, each call named with the reason
        const alone = rewriteSource(source, path.join(dir, 'other.js'));
        expect(alone.output).toBeNull();
        expect(alone.report.manual.map((m) => [m.line, m.api, m.reason.replace(/;.*/, '')])).toEqual(
          [2, 3, 4].map((line) => [line, api, "no template found for id 'x'"]),
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  );

  it.each(ROUTED_APP_APIS.map((api) => [api]))(
    "%s (the app's own) is neither pre-filtered nor matched without its route option, nor a leftover",
    (api) => {
      const option = legacyApiRow(api)!.routeOption!;
      const other = option === 'routeRecorderManager' ? 'routeBackgroundAudioManager' : 'routeRecorderManager';
      expect(isLegacyApiName(api)).toBe(false);
      expect(LEGACY_API_NAMES).not.toContain(api);
      expect(mightContainLegacyCall(`wx.${api}()`)).toBe(false);
      expect(mightContainLegacyRecordCall(`wx.${api}()`)).toBe(false);
      const source = `import Taro from '@tarojs/taro'\nwx.${api}()\nTaro.${api}()\nwx.startRecord()\n`;
      expect(rewriteSource(source, 'page.js').report.rewritten.map((s) => s.api)).toEqual(['startRecord']);
      expect(rewriteSource(source, 'page.js', { [other]: true }).report.rewritten.map((s) => s.api)).toEqual([
        'startRecord',
      ]);
      expect(rewriteSource(source, 'page.js', { [option]: true }).report.rewritten.map((s) => s.api)).toEqual([
        api,
        api,
        'startRecord',
      ]);
    },
  );

  it('rejects a routeRecorderManager that is not a boolean, naming the option', () => {
    expect(() => rewriteSource('wx.startRecord()', 'a.js', { routeRecorderManager: 'yes' } as never)).toThrow(
      /option "routeRecorderManager" must be true or false/,
    );
  });
});
