/**
 * The build's webpack loaders, called as webpack calls them (a loader context for one request,
 * webpack 4's `query` or webpack 5's getOptions()): the source loader, the route where no
 * babel-loader can be joined (Taro 2), and the component loader, which reads a .vue component's
 * template before vue-loader compiles it; and the build's Babel plugin on the blocks vue-loader hands it.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { transformSync } from '@babel/core';
import type { ParserPlugin } from '@babel/parser';
import { compileScript, parse as parseComponent } from '@vue/compiler-sfc';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { describe, expect, it } from 'vitest';
// The sources, imported: the loaders, the Babel plugin and the collector registry they report to are
// one module graph here, as they are in a build (one require cache).
import sourceLoader from '../../src/taro-plugin/source-loader';
import componentLoader from '../../src/taro-plugin/component-loader';
import buildPlugin from '../../src/taro-plugin/babel-build';
import { ReportCollector, formatSummary, registerCollector } from '../../src/taro-plugin/collector';
import { APP, LEGACY_TSX, SRC_FILE, withNativePage } from './helpers';

describe('the source loader (the route where no babel-loader can be joined: Taro 2)', () => {
  const loader = sourceLoader;

  /**
   * A webpack loader context for one request: webpack 4 hands the options over as `query`, webpack 5 through
   * getOptions().
   */
  function run(
    collectorId: string,
    source: string,
    resource: string,
    emitted: Error[] = [],
    webpack: 4 | 5 = 4,
    dependencies: string[] = [],
    missing: string[] = [],
  ) {
    const [resourcePath, query] = resource.split('?');
    const options = { collectorId, importSource: 'record-compat-runtime' };
    const context = {
      resourcePath,
      resourceQuery: query === undefined ? '' : `?${query}`,
      // webpack 5 has getOptions() and addMissingDependency(); webpack 4 neither.
      ...(webpack === 4
        ? { query: options }
        : {
            query: `??ruleSet[1].rules[0]`,
            getOptions: () => options,
            addMissingDependency: (file: string) => missing.push(file),
          }),
      emitError: (e: Error) => emitted.push(e),
      addDependency: (file: string) => dependencies.push(file),
    };
    return loader.call(context, source);
  }

  it("rewrites the file's text as the codemod does, and counts a page's `?taro&type=script` part once", () => {
    const collector = new ReportCollector(APP);
    const id = registerCollector(collector);
    const out = run(id, LEGACY_TSX, SRC_FILE);
    expect(out).toContain("import { startRecord, stopRecord } from 'record-compat-runtime'");
    expect(out).not.toMatch(/Taro\.(start|stop)Record/);
    // Untouched lines keep their bytes.
    expect(out).toContain('type Res = { tempFilePath: string }');
    expect(run(id, LEGACY_TSX, `${SRC_FILE}?taro&type=script&parse=PAGE`)).toBe(LEGACY_TSX);
    expect(formatSummary(collector.summary())).toBe(
      '[record-compat] rewrote 2 legacy record calls in 1 file; nothing left for manual review',
    );
  });

  it('hands webpack the source map of its edits when the build asks for maps: a call below the new import maps to its own line', () => {
    const collector = new ReportCollector(APP);
    const id = registerCollector(collector);
    const results: { content: string; map: { mappings: string; sources: string[] } }[] = [];
    const context = {
      resourcePath: SRC_FILE,
      resourceQuery: '',
      query: { collectorId: id, importSource: 'record-compat-runtime' },
      sourceMap: true,
      addDependency: () => {},
      callback: (_error: Error | null, content: string, map?: object) => {
        results.push({ content, map: map as { mappings: string; sources: string[] } });
      },
      emitError: (e: Error) => {
        throw e;
      },
    };
    // Taro still read after the rewrite: its import stays, and the new one moves the calls down a line.
    const source = LEGACY_TSX.replace('export function', "Taro.setStorageSync('recorded', 0)\nexport function");
    expect(loader.call(context, source)).toBeUndefined();
    const [{ content, map }] = results;
    expect(map.sources).toEqual([SRC_FILE]);
    const tracer = new TraceMap(map as never);
    const lines = content.split('\n');
    const outLine = lines.findIndex((l) => /\bstopRecord\(/.test(l));
    const original = originalPositionFor(tracer, { line: outLine + 1, column: lines[outLine].indexOf('stopRecord') });
    const inLines = source.split('\n');
    expect(original.line).toBe(inLines.findIndex((l) => l.includes('Taro.stopRecord')) + 1);
    expect(original.line).not.toBe(outLine + 1); // the import line moved it down by one
  });

  it('webpack 5: the same, with the options from getOptions()', () => {
    const collector = new ReportCollector(APP);
    const id = registerCollector(collector);
    expect(run(id, LEGACY_TSX, SRC_FILE, [], 5)).toContain("from 'record-compat-runtime'");
    expect(collector.summary().rewrittenCalls).toBe(2);
  });

  it('a file that no longer mentions the API is forgotten (watch mode)', () => {
    const collector = new ReportCollector(APP);
    const id = registerCollector(collector);
    run(id, LEGACY_TSX, SRC_FILE);
    const plain = 'export const n = 1\n';
    expect(run(id, plain, SRC_FILE)).toBe(plain);
    expect(collector.summary().rewrittenCalls).toBe(0);
  });

  it('a file that does not parse is left to Taro to report, and listed for review', () => {
    const collector = new ReportCollector(APP);
    const id = registerCollector(collector);
    const broken = 'Taro.startRecord({ success() { }\n';
    const emitted: Error[] = [];
    expect(run(id, broken, SRC_FILE, emitted)).toBe(broken);
    expect(emitted).toEqual([]);
    expect(formatSummary(collector.summary())).toMatch(
      /1 place left for manual review: src\/pages\/index\/index\.tsx:2$/,
    );
  });

  it("reads a page's .wxml beside it for createAudioContext: a hidden <audio> migrates with its src, one with controls is named with its line", () => {
    withNativePage('<audio id="hidden" src="/a.mp3"/>\n<audio id="shown" src="/b.mp3" controls/>\n', (app, page) => {
      const collector = new ReportCollector(app);
      const id = registerCollector(collector);
      const source =
        "import Taro from '@tarojs/taro'\nexport const a = Taro.createAudioContext('hidden')\nexport const b = Taro.createAudioContext('shown')\n";
      const dependencies: string[] = [];
      const out = run(id, source, page, [], 4, dependencies);
      // A change to the template alone rebuilds the page (watch mode, webpack's persistent cache).
      expect(dependencies).toEqual([page.replace(/\.js$/, '.wxml')]);
      expect(out).toContain("export const a = createAudioContext({ id: 'hidden', src: '/a.mp3' })");
      expect(out).toContain("export const b = Taro.createAudioContext('shown')");
      expect(formatSummary(collector.summary())).toBe(
        '[record-compat] rewrote 1 AudioContext use in 1 file; 1 place left for manual review: src/pages/lesson/lesson.js:3 (createAudioContext → createInnerAudioContext)',
      );
    });
  });

  it('declares the templates as the template loader does: on webpack 5 a missing <include> is watched for, on webpack 4 only the files there are', () => {
    withNativePage('<include src="../common/bar.wxml"/>\n<audio id="hidden" src="/a.mp3"/>\n', (app, page) => {
      const id = registerCollector(new ReportCollector(app));
      const source = "export const a = wx.createAudioContext('hidden')\n";
      const wxml = page.replace(/\.js$/, '.wxml');
      const include = path.join(app, 'src/pages/common/bar.wxml');
      const [webpack5, missing5, webpack4, missing4]: string[][] = [[], [], [], []];
      expect(run(id, source, page, [], 5, webpack5, missing5)).toContain(
        "createAudioContext({ id: 'hidden', src: '/a.mp3' })",
      );
      expect([webpack5, missing5]).toEqual([[wxml], [include]]);
      run(id, source, page, [], 4, webpack4, missing4);
      expect([webpack4, missing4]).toEqual([[wxml], []]);
    });
  });
});

describe("the component loader (webpack: a .vue component's template, read before vue-loader compiles it)", () => {
  const loader = componentLoader;
  const COMPONENT = `${APP}/src/pages/rec/index.vue`;
  const component = (template: string, script: string, setup = '') =>
    `<template>\n${template}\n</template>\n\n<script${setup}>\n${script}</script>\n`;
  const OPTIONS_API = component(
    '  <view @tap="Taro.startRecord({})">rec</view>',
    "import Taro from '@tarojs/taro'\nexport default { data() { return { Taro } } }\n",
  );

  /** One request of webpack 5 (getOptions) or 4 (`query`): what it returns, and the build's summary. */
  function run(source: string, resource = COMPONENT, webpack: 4 | 5 = 5) {
    const collector = new ReportCollector(APP);
    collector.beginBuild();
    const options = { collectorId: registerCollector(collector), importSource: 'record-compat-runtime' };
    const [resourcePath, query] = resource.split('?');
    const context = {
      resourcePath,
      resourceQuery: query === undefined ? '' : `?${query}`,
      ...(webpack === 4 ? { query: options } : { query: '??ruleSet[1]', getOptions: () => options }),
    };
    return { out: loader.call(context, source), summary: formatSummary(collector.summary()) };
  }

  it.each([5, 4] as const)(
    "reports an Options API template's own call at its line in the component, and changes nothing (webpack %s)",
    (webpack) => {
      expect(run(OPTIONS_API, COMPONENT, webpack)).toEqual({
        out: OPTIONS_API,
        summary:
          '[record-compat] rewrote 0 legacy calls in 0 files; 1 place left for manual review: src/pages/rec/index.vue:2',
      });
    },
  );

  it('with a <script setup>, says every place of the component for a person at its line, as the codemod does (Babel reads what vue-loader compiled)', () => {
    const setup = component(
      '  <view @tap="Taro.startRecord({})">rec</view>\n  <view @tap="sr({})">rec</view>',
      "import Taro from '@tarojs/taro'\nimport { startRecord as sr } from '@tarojs/taro'\n",
      ' setup',
    );
    expect(run(setup)).toEqual({
      out: setup,
      summary:
        '[record-compat] rewrote 0 legacy calls in 0 files; 2 places left for manual review: src/pages/rec/index.vue:2, src/pages/rec/index.vue:8',
    });
  });

  it('leaves alone a part of the component, and a component that names no API', () => {
    const none = '[record-compat] rewrote 0 legacy calls in 0 files; nothing left for manual review';
    expect(run(OPTIONS_API, `${COMPONENT}?vue&type=script&lang=js`)).toEqual({ out: OPTIONS_API, summary: none });
    expect(run(component('  <view @tap="go">rec</view>', 'export default { methods: { go() {} } }\n')).summary).toBe(
      none,
    );
  });

  it('system info in a <script setup>, as vue-loader compiles it (template inline or apart): a local the template reads keeps the whole object, and one whose template reads environment is for a person', () => {
    const app = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-vue-sysinfo-'));
    try {
      const template = (reads: string) =>
        `<template>\n  <view :style="{ paddingTop: ${reads} + 'px' }">{{ isIOS }}</view>\n</template>\n`;
      const script =
        "\n<script setup>\nimport Taro from '@tarojs/taro'\nconst info = Taro.getSystemInfoSync()\nconst isIOS = info.platform === 'ios'\n</script>\n";
      const components = {
        'Nav.vue': template('info.statusBarHeight') + script,
        'WeCom.vue': template("(info.environment === 'wxwork' ? 0 : 20)") + script,
      };
      for (const inlineTemplate of [false, true]) {
        const collector = new ReportCollector(app);
        collector.beginBuild();
        const collectorId = registerCollector(collector);
        const withPlugin = [buildPlugin, { rewrite: { importSource: 'record-compat-runtime' }, collectorId }];
        const outputs = Object.entries(components).map(([name, source]) => {
          const file = path.join(app, 'src', name);
          fs.mkdirSync(path.dirname(file), { recursive: true });
          fs.writeFileSync(file, source);
          // As webpack runs it: the component loader on the component, then Babel on what vue-loader compiled.
          const request = { resourcePath: file, resourceQuery: '', query: '??ruleSet[1]' };
          componentLoader.call(
            { ...request, getOptions: () => ({ collectorId, importSource: 'record-compat-runtime' }) },
            source,
          );
          const compiled = compileScript(parseComponent(source, { filename: file }).descriptor, {
            id: name,
            inlineTemplate,
          }).content;
          return transformSync(compiled, { filename: file, babelrc: false, configFile: false, plugins: [withPlugin] })!
            .code!;
        });
        // Nav: the template's statusBarHeight stays answered, and platform with it: never getDeviceInfo() alone.
        expect(outputs[0], `inlineTemplate: ${inlineTemplate}`).toMatch(/const info = getSystemInfoSync\(\);/);
        expect(outputs[0]).not.toMatch(/getDeviceInfo|Taro\.getSystemInfoSync/);
        // WeCom: left as it is, for a person.
        expect(outputs[1], `inlineTemplate: ${inlineTemplate}`).toMatch(/const info = Taro\.getSystemInfoSync\(\);/);
        expect(formatSummary(collector.summary()), `inlineTemplate: ${inlineTemplate}`).toMatch(
          /^\[record-compat\] rewrote 1 system-info call in 1 file; 1 place left for manual review: src\/WeCom\.vue:\d+$/,
        );
      }
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
  });

  it("the Babel pass moves a <script> block's places to the component's lines, and keeps only the calls it rewrote of what vue-loader compiled from a <script setup>", () => {
    const { app, collector, babel } = babelPassIn('record-compat-vue-blocks-');
    try {
      const options = path.join(app, 'src/Options.vue');
      const setup = path.join(app, 'src/Setup.vue');
      fs.mkdirSync(path.dirname(options), { recursive: true });
      const script =
        '\nexport default {\n  methods: {\n    go() {\n      register(wx)\n      wx.startRecord({})\n    },\n  },\n}\n';
      fs.writeFileSync(
        options,
        `<template>\n  <view @tap="go">rec</view>\n</template>\n\n<script>${script}</script>\n`,
      );
      fs.writeFileSync(
        setup,
        '<template>\n  <view @tap="Taro.stopRecord()">stop</view>\n</template>\n\n<script setup>\nimport Taro from \'@tarojs/taro\'\n</script>\n',
      );
      babel(script, options);
      // As vue-loader compiles a <script setup>: the names its template reads returned from setup.
      babel(
        "import Taro from '@tarojs/taro'\nexport default { setup() { Taro.startRecord({}); const __returned__ = { Taro }; return __returned__ } }\n",
        setup,
      );
      expect(formatSummary(collector.summary())).toBe(
        '[record-compat] rewrote 2 legacy record calls in 2 files; 1 place left for manual review: src/Options.vue:9',
      );
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
  });
});

describe("the build's Babel pass on a legacy canvas in a .wxml (a template it does not write)", () => {
  it('says the canvases it leaves in a line of their own, with the calls of their contexts and the codemod as the way out', () => {
    const { app, collector, babel } = babelPassIn('record-compat-canvas-build-', ['jsx']);
    try {
      // A native page: its <canvas> is in the .wxml beside it, a template this build does not write.
      const page = path.join(app, 'src/pages/poster/poster.js');
      fs.mkdirSync(path.dirname(page), { recursive: true });
      fs.writeFileSync(path.join(app, 'src/pages/poster/poster.wxml'), '<canvas canvas-id="poster"></canvas>\n');
      const poster = [
        'Page({',
        '  onReady() {',
        "    const ctx = wx.createCanvasContext('poster')",
        "    ctx.setFillStyle('#fff')",
        '    ctx.fillRect(0, 0, 300, 400)',
        "    ctx.draw(false, () => wx.canvasToTempFilePath({ canvasId: 'poster' }))",
        '  },',
        '})',
        '',
      ].join('\n');
      const out = babel(poster, page);
      // It stays on the legacy API: its setter as a property (Decision C5), its export as it was.
      expect(out).toContain("ctx.fillStyle = '#fff'");
      expect(out).toContain("wx.canvasToTempFilePath({\n      canvasId: 'poster'\n    })");
      babel(
        "import Taro from '@tarojs/taro'\nexport const go = () => Taro.startRecord({ success() {} })\n",
        path.join(app, 'src/rec.js'),
      );
      expect(formatSummary(collector.summary())).toBe(
        [
          '[record-compat] rewrote 1 legacy record call and 1 legacy canvas use in 2 files; 3 places left for manual review: 3 with the legacy canvas below',
          '[record-compat] 1 canvas stays on the legacy API in this build, which writes no .wxml or .vue template: src/pages/poster/poster.js:3 (with 2 calls of its context); the codemod moves it to Canvas 2D with its template: npx taro-plugin-record-compat',
        ].join('\n'),
      );
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
  });
});

/**
 * A temporary app with a build's collector, and Babel running the build plugin as babel-loader names it by path (the
 * same module, imported), with `parserPlugins`.
 */
function babelPassIn(prefix: string, parserPlugins: ParserPlugin[] = []) {
  const app = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const collector = new ReportCollector(app);
  collector.beginBuild();
  const withPlugin = [
    buildPlugin,
    { rewrite: { importSource: 'record-compat-runtime' }, collectorId: registerCollector(collector) },
  ];
  const babel = (code: string, filename: string) =>
    transformSync(code, {
      filename,
      babelrc: false,
      configFile: false,
      parserOpts: { plugins: parserPlugins },
      plugins: [withPlugin],
    })!.code!;
  return { app, collector, babel };
}
