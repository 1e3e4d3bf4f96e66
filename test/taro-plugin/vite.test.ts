/**
 * The plugin's vite side (src/taro-plugin/vite.ts, vite-optimizer.ts) as a vite build calls it: the
 * config it adds (define, the H5 runtime alias, chunks), its pre transform over scripts and .vue
 * components, the dev server's esbuild pre-bundling of included packages, and a strict build's end.
 * The plugin is the built entry on a fake Taro ctx (helpers.ts); no Taro project is installed.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { originalPositionFor, TraceMap } from '@jridgewell/trace-mapping';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  APP,
  LEGACY_TSX,
  SRC_FILE,
  asPlatform,
  fakeCtx,
  plugin,
  viteContext,
  viteDoor,
  withNativePage,
  type VitePlugin,
} from './helpers';

describe("the plugin's vite side", () => {
  afterEach(() => {
    vi.restoreAllMocks();
    process.exitCode = undefined;
  });

  it('vite: a pre transform that rewrites TypeScript source without stripping it, and a define', () => {
    const f = fakeCtx();
    plugin(f.ctx as never, { format: 'wav' });
    const viteConfig: { plugins: unknown[] } = { plugins: [{ name: 'taro:other' }] };
    f.hooks.modifyViteConfig[0]({ viteConfig });
    const vp = viteConfig.plugins[0] as VitePlugin;
    expect(vp.name).toBe('taro-plugin-record-compat');
    expect(vp.enforce).toBe('pre');
    expect(vp.config().define).toEqual({ TARO_RECORD_COMPAT_OPTIONS: '{"format":"wav"}' });
    expect(vp.config().resolve.alias).toEqual([]); // not an h5 build: the package's own runtime entry
    expect(vp.outputOptions({ manualChunks: () => 'vendors' })).toBeNull();
    const out = vp.transform.call(viteContext(), LEGACY_TSX, `${SRC_FILE}?used`)!;
    expect(out.code).toContain('record-compat-runtime');
    expect(out.code).toContain('type Res = {'); // still TypeScript: Taro strips it later
    expect(out.code).not.toMatch(/Taro\.(start|stop)Record/);
    expect(vp.transform.call(viteContext(), 'export const x = 1', `${APP}/src/other.ts`)).toBeNull();
    expect(vp.transform.call(viteContext(), LEGACY_TSX, `${APP}/node_modules/lib/index.tsx`)).toBeNull();
    expect(vp.transform.call(viteContext(), LEGACY_TSX, '\0virtual:taro')).toBeNull();
  });

  it("vite: the included packages are rewritten inside the dev server's pre-bundling too, its cache keyed to the build's decisions", () => {
    const optimizerOf = (options: Record<string, unknown>) =>
      viteDoor(options).vp.config().optimizeDeps?.esbuildOptions.plugins;
    expect(optimizerOf({})).toBeUndefined();
    const [plugin] = optimizerOf({ include: ['legacy-sdk'] })!;
    expect(plugin.name).toMatch(/^taro-plugin-record-compat:[0-9a-f]{16}$/);
    // vite pre-bundles again when the plugins' names change: another include is another name.
    expect(optimizerOf({ include: ['other-sdk'] })![0].name).not.toBe(plugin.name);
    expect(optimizerOf({ include: ['legacy-sdk'] })![0].name).toBe(plugin.name);
  });

  it('vite: esbuild, as the dev server pre-bundles, gets an included CommonJS package rewritten and the runtime as an import kept outside', async () => {
    const { build } = await import('esbuild');
    const app = fs.mkdtempSync(path.join(os.tmpdir(), 'record-compat-optimizer-'));
    try {
      const sdk = path.join(app, 'node_modules/legacy-sdk/index.js');
      fs.mkdirSync(path.dirname(sdk), { recursive: true });
      fs.writeFileSync(
        sdk,
        'function rec(done) {\n  wx.startRecord({ success: function (res) { done(res.tempFilePath) } })\n}\nmodule.exports = { rec: rec }\n',
      );
      const { f, vp } = viteDoor({ include: ['legacy-sdk'] }, fakeCtx(app));
      vp.buildStart();
      const out = await build({
        entryPoints: [sdk],
        bundle: true,
        format: 'esm',
        write: false,
        plugins: vp.config().optimizeDeps!.esbuildOptions.plugins as never,
      });
      const code = out.outputFiles[0].text;
      expect(code).not.toMatch(/wx\.startRecord/);
      expect(code).toMatch(/^import \* as \w+ from "record-compat-runtime";$/m);
      // no require() of an external module left, which esbuild's ESM output cannot do in a browser
      expect(code).not.toContain('Dynamic require');
      const log = vi.spyOn(console, 'log').mockImplementation(() => {});
      f.hooks.onBuildFinish[0]({ error: null, isWatch: false });
      expect(log).toHaveBeenCalledWith(
        '[record-compat] rewrote 1 legacy record call in 1 file; nothing left for manual review',
      );
    } finally {
      fs.rmSync(app, { recursive: true, force: true });
    }
  });

  it('vite, h5: the runtime resolves to the H5 entry (its own module only, not runtime/native)', () => {
    const f = fakeCtx();
    plugin(f.ctx as never, {});
    const viteConfig: { plugins: unknown[] } = { plugins: [] };
    asPlatform('h5', () => f.hooks.modifyViteConfig[0]({ viteConfig }));
    const { alias } = (viteConfig.plugins[0] as VitePlugin).config().resolve;
    expect(alias).toHaveLength(3);
    expect(alias[0]!.find.test('record-compat-runtime')).toBe(true);
    expect(alias[0]!.find.test('record-compat-runtime/native')).toBe(false);
    expect(alias[0]!.replacement).toMatch(/\/packages\/runtime\/dist\/esm\/h5\.js$/);
    expect(fs.existsSync(alias[0]!.replacement)).toBe(true);
    // Code an earlier version migrated imports this package's former entry: the same H5 entry.
    expect(alias[1]!.find.test('taro-plugin-record-compat/runtime')).toBe(true);
    expect(alias[1]!.replacement).toBe(alias[0]!.replacement);
    expect(alias[2]!.find.test('@breezystack/lamejs')).toBe(true);
    // Taro's own manualChunks sends all of node_modules to vendors; the mp3 encoder stays apart.
    const vp = viteConfig.plugins[0] as VitePlugin;
    const taroChunks = (id: string) => (id.includes('/node_modules/') ? 'vendors' : undefined);
    const chunks = vp.outputOptions({ manualChunks: taroChunks })!.manualChunks as (
      id: string,
      meta: unknown,
    ) => string | undefined;
    expect(chunks(`${APP}/node_modules/@breezystack/lamejs/dist/lamejs.js`, {})).toBe('record-compat-mp3');
    // An app that never records mp3: its import() is tree-shaken away, and no chunk is named for the encoder.
    const shaken = { getModuleInfo: () => ({ isIncluded: false }) };
    expect(chunks(`${APP}/node_modules/@breezystack/lamejs/dist/lamejs.js`, shaken)).toBeUndefined();
    expect(chunks(`${APP}/node_modules/react/index.js`, {})).toBe('vendors');
    expect(chunks(`${APP}/src/app.ts`, {})).toBeUndefined();
  });

  it('vite: rewrites the script blocks of a .vue component in place, before @vitejs/plugin-vue splits it', () => {
    const { f, vp } = viteDoor({});
    vp.buildStart();
    const template = '<template>\n  <button @tap="go">Taro.startRecord()</button>\n</template>\n';
    const style = '<style>\n.startRecord { color: red }\n</style>\n';
    const component =
      template +
      '\n<script setup lang="ts">\nimport Taro from \'@tarojs/taro\'\nconst startRecord = 1\n\nfunction go(): void {\n  Taro.startRecord({ success: (res) => console.log(res.tempFilePath) })\n}\n</script>\n\n' +
      '<script>\nexport default {\n  onUnload() {\n    wx.stopRecord()\n  },\n}\n</script>\n\n' +
      style;
    const file = `${APP}/src/pages/rec/index.vue`;
    const out = vp.transform.call(viteContext(), component, file)!;
    expect(out).not.toBeNull();
    // Template and styles keep every byte; the calls are gone from both blocks.
    expect(out.code.startsWith(template)).toBe(true);
    expect(out.code.endsWith(style)).toBe(true);
    const scripts = out.code.slice(template.length, -style.length);
    expect(scripts).not.toMatch(/(Taro|wx)\.(start|stop)Record/);
    const lines = out.code.split('\n');
    // Each block imports the runtime as an ES module, avoiding the name the other block declares.
    expect(out.code.match(/from ['"]record-compat-runtime['"]/g)).toHaveLength(2);
    expect(out.code).toMatch(/import \{ startRecord as _startRecord \} from/);
    // The source map of the edits points each rewritten call back at its own line of the component.
    const tracer = new TraceMap(out.map as never);
    const inLines = component.split('\n');
    for (const [call, was] of [
      ['_startRecord(', '  Taro.startRecord({'],
      ['stopRecord()', '    wx.stopRecord()'],
    ]) {
      const at = lines.findIndex((l) => l.includes(call) && !l.includes('import'));
      const original = originalPositionFor(tracer, { line: at + 1, column: lines[at].indexOf(call) });
      expect(original.line, call).toBe(inLines.findIndex((l) => l.startsWith(was)) + 1);
    }
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    f.hooks.onBuildFinish[0]({ error: null, isWatch: false });
    expect(log.mock.calls.flat().join('\n')).toContain(
      '[record-compat] rewrote 2 legacy record calls in 1 file; nothing left for manual review',
    );
    // The sub-requests @vitejs/plugin-vue makes come from the rewritten component: not rewritten again.
    expect(
      vp.transform.call(viteContext(), 'Taro.startRecord()', `${file}?vue&type=script&setup=true&lang.ts`),
    ).toBeNull();
  });

  it("vite: reads a .vue component's own template for createAudioContext, from the text it transforms", () => {
    const { vp } = viteDoor({});
    vp.buildStart();
    const component = (audio: string) =>
      `<template>\n  ${audio}\n</template>\n\n<script setup>\nimport Taro from '@tarojs/taro'\nconst ctx = Taro.createAudioContext('ring')\n</script>\n`;
    // the component is nowhere on disk: the template comes from the text vite hands over
    const file = `${APP}/src/components/ring.vue`;
    expect(
      vp.transform.call(viteContext(), component('<audio id="ring" src="/ring.mp3" loop />'), file)!.code,
    ).toContain("const ctx = createAudioContext({ id: 'ring', src: '/ring.mp3', loop: true })");
    expect(
      vp.transform.call(viteContext(), component('<audio id="ring" src="/ring.mp3" @ended="next" />'), file),
    ).toBeNull();
  });

  it("vite: a page's .wxml read for createAudioContext is watched, so a change to it alone transforms the page again", () => {
    withNativePage('<audio id="hidden" src="/a.mp3"/>\n', (app, page) => {
      const { vp } = viteDoor({}, fakeCtx(app));
      vp.buildStart();
      const watched: string[] = [];
      expect(
        vp.transform.call(viteContext(watched), "export const a = wx.createAudioContext('hidden')\n", page)!.code,
      ).toContain("createAudioContext({ id: 'hidden', src: '/a.mp3' })");
      expect(watched).toEqual([page.replace(/\.js$/, '.wxml')]);
    });
  });

  it('strict: the vite build errors and the end-of-build hook sets a failing exit code', () => {
    const { f, vp } = viteDoor({ strict: true });
    const manual =
      "import Taro from '@tarojs/taro'\nconst api = { rec: Taro }\nexport const go = () => api.rec.startRecord({})\n";
    vp.transform.call(viteContext(), manual, `${APP}/src/manual.ts`);
    const error = vi.fn((message: string) => {
      throw new Error(message);
    });
    expect(() => vp.buildEnd.call({ error, meta: { watchMode: false } } as never)).toThrow(
      /\[record-compat\] strict: 1 place .*\n {2}src\/manual\.ts:\d+/,
    );
    // Watching, a warning with the same places: an error would end Taro's watcher.
    const warn = vi.fn();
    vp.buildEnd.call({ error, warn, meta: { watchMode: true } } as never);
    expect(warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^\[record-compat\] strict: 1 place .*\n {2}src\/manual\.ts:\d+.*\n {2}\(a warning while watching: the same build without --watch fails\)$/,
      ),
    );
    expect(error).toHaveBeenCalledTimes(1);
    vi.spyOn(console, 'log').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    f.hooks.onBuildFinish[0]({ error: null, isWatch: false });
    expect(process.exitCode).toBe(1);
  });

  it('strict: a package outside include that calls a legacy API is one line at the end, naming it and the include that rewrites it; the build does not fail for it', () => {
    const { f, vp } = viteDoor({ strict: true });
    expect(
      vp.transform.call(viteContext(), 'wx.startRecord({})\nwx.stopRecord()\n', `${APP}/node_modules/rec-sdk/index.js`),
    ).toBeNull();
    const error = vi.fn();
    vp.buildEnd.call({ error, meta: { watchMode: false } } as never);
    expect(error).not.toHaveBeenCalled();
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    f.hooks.onBuildFinish[0]({ error: null, isWatch: false });
    expect(log).toHaveBeenCalledWith(
      [
        '[record-compat] rewrote 0 legacy calls in 0 files; nothing left for manual review',
        "[record-compat] package rec-sdk: 2 legacy calls left as they are (not in include): node_modules/rec-sdk/index.js:1, node_modules/rec-sdk/index.js:2; to rewrite them: plugins: [['taro-plugin-record-compat', { include: ['rec-sdk'] }]]",
      ].join('\n'),
    );
    expect(process.exitCode).toBeUndefined();
  });

  it("a package's module that rollup's tree-shaking leaves out of the output is not counted (generateBundle)", () => {
    const { f, vp } = viteDoor({});
    vp.buildStart();
    const sdk = `${APP}/node_modules/rec-sdk`;
    vp.transform.call(viteContext(), 'wx.startRecord({})\n', `${sdk}/record.js`);
    vp.transform.call(viteContext(), "wx.playVoice({ filePath: 'a' })\n", `${sdk}/voice.js`);
    vp.transform.call(viteContext(), 'wx.stopVoice()\n', `${sdk}/gone.js`);
    vp.generateBundle(
      {},
      {
        'vendors.js': {
          type: 'chunk',
          modules: { [`${sdk}/record.js`]: { renderedLength: 20 }, [`${sdk}/voice.js`]: { renderedLength: 0 } },
        },
        'app.wxss': { type: 'asset' },
      },
    );
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    f.hooks.onBuildFinish[0]({ error: null, isWatch: false });
    expect(log.mock.calls[0]![0].split('\n')[1]).toBe(
      "[record-compat] package rec-sdk: 1 legacy call left as it is (not in include): node_modules/rec-sdk/record.js:1; to rewrite it: plugins: [['taro-plugin-record-compat', { include: ['rec-sdk'] }]]",
    );
  });

  it('families: a chosen family is rewritten, another left as it is and counted in a line of its own', () => {
    const { f, vp } = viteDoor({ families: ['voice'] });
    const page =
      "import Taro from '@tarojs/taro'\nexport function go(): void {\n  Taro.startRecord({})\n  Taro.playVoice({ filePath: 'a.silk' })\n}\n";
    const out = vp.transform.call(viteContext(), page, SRC_FILE)!.code;
    expect(out).toContain('Taro.startRecord({})');
    expect(out).not.toContain('Taro.playVoice');
    expect(out).toMatch(/import \{ playVoice \} from 'record-compat-runtime'/);
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    f.hooks.onBuildFinish[0]({ error: null, isWatch: false });
    expect(log).toHaveBeenCalledWith(
      '[record-compat] rewrote 1 voice call in 1 file; nothing left for manual review\n[record-compat] left as chosen: 1 call of record',
    );
  });
});
