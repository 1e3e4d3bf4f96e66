/*
 * The built copies of the runtime: ES2015 syntax, no require, the standalone files work
 * as a native mini-program would load them, and the .ts copy type-checks under strict.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { build } from 'esbuild';
import ts from 'typescript';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { weappAudio } from './fakes/audio';
import { weapp } from './fakes/platforms';
import { FakePageStack } from './fakes/pages';
import { tick, track } from './helpers';
import { ROOT as root } from '../helpers/paths';

const out = join(root, '.tmp', `runtime-build-${process.pid}`);
const script = join(root, 'scripts', 'build-runtime.mjs');

type Checker = { findPostEs2015Syntax(code: string, name?: string): string[] };

beforeAll(() => {
  mkdirSync(out, { recursive: true });
  execFileSync(process.execPath, [script, '--out', out], { stdio: 'pipe' });
});
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
});
beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const read = (p: string) => readFileSync(join(out, p), 'utf8');

describe('build-runtime', () => {
  it('the syntax checker catches what old engines cannot parse', async () => {
    const { findPostEs2015Syntax } = (await import(pathToFileURL(script).href)) as Checker;
    expect(findPostEs2015Syntax('a?.b; a ?? b; async function f(){ await g() } ({...x}); try{}catch{}; 2**3')).toHaveLength(7);
    expect(findPostEs2015Syntax('const {a, ...r} = o; class A { x = 1 }')).toHaveLength(2);
    expect(findPostEs2015Syntax('const f = (a, ...b) => [...b]; let {x = 1} = o; class B { m() {} }; `t${x}`')).toEqual([]);
  });

  it('every output is ES2015 syntax', async () => {
    const { findPostEs2015Syntax } = (await import(pathToFileURL(script).href)) as Checker;
    for (const f of ['esm/core.js', 'esm/voice.js', 'esm/background-audio.js', 'esm/audio-context.js', 'esm/taro-wrapper.js', 'esm/taro.js', 'esm/native.js', 'esm/h5.js', 'standalone/record-compat.js'])
      expect(findPostEs2015Syntax(read(f), f)).toEqual([]);
  });

  it('one caller for every legacy function: caller.js is ES2015, and the standalone copy has it once', async () => {
    const { findPostEs2015Syntax } = (await import(pathToFileURL(script).href)) as Checker;
    expect(findPostEs2015Syntax(read('esm/caller.js'), 'esm/caller.js')).toEqual([]);
    for (const f of ['esm/core.js', 'esm/voice.js', 'esm/background-audio.js']) expect(read(f)).toMatch(/from "\.\/caller\.js"/);
    const text = read('standalone/record-compat.ts');
    expect(text.match(/function caller\(/g)).toHaveLength(1);
    expect(text.match(/typeof f == 'function'/g)).toHaveLength(1);
  });

  it('ESM files import each other with explicit extensions and are marked as modules', () => {
    expect(read('esm/taro.js')).toMatch(/from "\.\/core\.js"/);
    expect(read('esm/taro.js')).toMatch(/import Taro from "@tarojs\/taro"/);
    expect(read('esm/native.js')).toMatch(/from "\.\/core\.js"/);
    expect(read('esm/taro.js')).toMatch(/from "\.\/voice\.js"/);
    expect(read('esm/native.js')).toMatch(/from "\.\/voice\.js"/);
    expect(JSON.parse(read('esm/package.json')).type).toBe('module');
  });

  it('the ESM native entry records through wx', async () => {
    const p = weapp();
    (globalThis as Record<string, unknown>).wx = p.api;
    try {
      const mod = await import(pathToFileURL(join(out, 'esm', 'native.js')).href);
      const start = track(mod.startRecord, 'start');
      await tick(1000);
      track(mod.stopRecord, 'stop');
      await tick(1000);
      expect(start.ok).toBe(true);
    } finally {
      delete (globalThis as Record<string, unknown>).wx;
    }
  });

  it('standalone JS: one CommonJS file, no require, works as a native mini-program loads it', async () => {
    const js = read('standalone/record-compat.js');
    expect(js).not.toMatch(/\brequire\s*\(/);
    const p = weapp({ scope: undefined, popup: 'allow' });
    const exports: Record<string, any> = {};
    // A mini-program module scope: module/exports, the platform global, timers; nothing else.
    vm.runInNewContext(js, { module: { exports }, exports, wx: p.api, setTimeout, clearTimeout, Promise });
    expect(Object.keys(exports)).toEqual(
      expect.arrayContaining(['startRecord', 'stopRecord', 'configureRecordCompat', 'validateRecordOptions', 'playVoice', 'pauseVoice', 'stopVoice'])
    );
    expect(exports.configureRecordCompat({ durationMs: 3000 })).toBeUndefined();
    const start = track(exports.startRecord, 'start');
    await tick(5000);
    expect(start.ok).toBe(true);
    expect(start.res.tempFilePath).toBe(p.recorder!.recordings[0].tempFilePath);
    expect(p.auth!.calls).toEqual(['getSetting', 'authorize']);
  });

  it('standalone TS: self-contained, generated from the sources, strict-clean next to miniprogram-api-typings', async () => {
    const text = read('standalone/record-compat.ts');
    expect(text).not.toMatch(/^\s*import\s/m);
    expect(text).toMatch(/^export const startRecord/m);
    expect(text).toMatch(/^export function createRecordCompat/m);
    // Generated, not a second hand-kept copy: the source's core is in it verbatim.
    const core = readFileSync(join(root, 'src/runtime/core.ts'), 'utf8');
    expect(text).toContain(core.slice(core.indexOf('export function validateRecordOptions'), core.indexOf('// ---- internals')));
    const typings = join(root, 'node_modules/miniprogram-api-typings/index.d.ts');
    const { STRICTEST } = (await import(pathToFileURL(script).href)) as { STRICTEST: ts.CompilerOptions };
    expect(STRICTEST.strict).toBe(true);
    const program = ts.createProgram([join(out, 'standalone/record-compat.ts'), typings], {
      ...STRICTEST,
      noEmit: true,
      target: ts.ScriptTarget.ES2015,
      lib: ['lib.es2017.d.ts'],
      types: [],
      skipLibCheck: true,
    });
    const diags = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diags).toEqual([]);
  });

  // What an app's bundler keeps of an entry when the app imports `names` (esbuild, as bench:size does).
  async function bundled(entry: string, names: string[]) {
    const r = await build({
      stdin: { contents: `import { ${names} } from ${JSON.stringify(join(out, 'esm', entry))}; ${names.map((n) => `${n}();`).join('')}`, resolveDir: root, loader: 'js' },
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2015',
      external: ['@tarojs/taro'],
      write: false,
      logLevel: 'silent',
    });
    return r.outputFiles[0].text;
  }

  it.each(['taro.js', 'native.js'])('%s: an app that only records ships no voice code, and the other way round', async (entry) => {
    const record = await bundled(entry, ['startRecord', 'stopRecord']);
    expect(record).toContain('getRecorderManager');
    expect(record).not.toMatch(/createInnerAudioContext|playVoice|pauseVoice|stopVoice/);
    const voice = await bundled(entry, ['playVoice', 'pauseVoice', 'stopVoice']);
    expect(voice).toContain('createInnerAudioContext');
    expect(voice).not.toMatch(/getRecorderManager|startRecord|scope\.record/);
    // Nor background audio, unless the app calls it.
    for (const code of [record, voice]) expect(code).not.toMatch(/BackgroundAudio/);
    const background = await bundled(entry, ['playBackgroundAudio', 'getBackgroundAudioPlayerState', 'onBackgroundAudioStop']);
    expect(background).toContain('getBackgroundAudioManager');
    expect(background).not.toMatch(/getRecorderManager|startRecord|createInnerAudioContext|scope\.record/);
    const both = await bundled(entry, ['startRecord', 'playVoice']);
    expect(both).toContain('getRecorderManager');
    expect(both).toContain('createInnerAudioContext');
    // createAudioContext: nothing of it unless called, and nothing but it when it is.
    for (const code of [record, voice, background, both]) expect(code).not.toMatch(/getCurrentPages|getPageId|\$taroPath/);
    const audioContext = await bundled(entry, ['createAudioContext']);
    expect(audioContext).toMatch(/createInnerAudioContext/);
    expect(audioContext).toMatch(/getCurrentPages/);
    expect(audioContext).not.toMatch(/getRecorderManager|startRecord|scope\.record|BackgroundAudio|playVoice|duration/);
  });

  it('standalone JS plays a voice through wx.createInnerAudioContext', async () => {
    const js = read('standalone/record-compat.js');
    const p = weappAudio({ files: { 'wxfile://tmp/a.aac': 2000 } });
    const exports: Record<string, any> = {};
    vm.runInNewContext(js, { module: { exports }, exports, wx: p.api, setTimeout, clearTimeout, Promise });
    const play = track((o?: object) => exports.playVoice({ filePath: 'wxfile://tmp/a.aac', ...o }), 'play');
    await tick(1000);
    expect(play.events).toEqual([]);
    await tick(1100);
    expect(play.res).toEqual({ errMsg: 'playVoice:ok' });
  });

  it('standalone JS: createAudioContext plays through wx.createInnerAudioContext, per page of the global getCurrentPages', async () => {
    const js = read('standalone/record-compat.js');
    const p = weappAudio({ files: { '/audio/a.mp3': 5_000 } });
    const pages = new FakePageStack();
    const exports: Record<string, any> = {};
    vm.runInNewContext(js, { module: { exports }, exports, wx: p.api, getCurrentPages: pages.getCurrentPages, setTimeout, clearTimeout, Promise });
    pages.navigateTo('pages/index/index');
    pages.navigateTo('pages/song/song');
    const ctx = exports.createAudioContext('myAudio', undefined, { src: '/audio/a.mp3', loop: true });
    ctx.play();
    await tick(100);
    ctx.seek(3);
    expect(p.audio.created).toHaveLength(1);
    expect(p.audio.created[0]!.loop).toBe(true);
    expect(p.audio.created[0]!.currentTime).toBeCloseTo(3, 1);
    pages.navigateBack();
    await tick(300);
    expect(p.audio.created[0]!.state).toBe('destroyed');
  });

  it("standalone TS: the app's own getRecorderManager() is a WechatMiniprogram.RecorderManager and back (routed code keeps type-checking)", () => {
    const user = join(out, 'standalone/user-page.ts');
    writeFileSync(
      user,
      [
        "import { getRecorderManager } from './record-compat';",
        'const rm: WechatMiniprogram.RecorderManager = getRecorderManager();',
        'rm.onStop((res) => console.log(res.tempFilePath, res.duration, res.fileSize));',
        "rm.start({ duration: 10000, format: 'mp3', sampleRate: 16000 });",
        'export const platforms: ReturnType<typeof getRecorderManager> = wx.getRecorderManager();',
        "import { getBackgroundAudioManager } from './record-compat';",
        'const bam: WechatMiniprogram.BackgroundAudioManager = getBackgroundAudioManager();',
        "bam.title = 'x'; bam.src = 'https://x/a.mp3'; bam.onEnded(() => bam.seek(0)); bam.onTimeUpdate(() => console.log(bam.currentTime));",
        "import { createAudioContext } from './record-compat';",
        "const audioCtx = createAudioContext('myAudio', undefined, { src: '/audio/a.mp3', loop: true });",
        'audioCtx.setSrc(\'/audio/b.mp3\'); audioCtx.play(); audioCtx.seek(14); audioCtx.pause();',
        "Component({ methods: { start() { createAudioContext('clip', this).play(); } } });",
      ].join('\n')
    );
    const typings = join(root, 'node_modules/miniprogram-api-typings/index.d.ts');
    const program = ts.createProgram([user, typings], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2015,
      module: ts.ModuleKind.ESNext,
      moduleResolution: ts.ModuleResolutionKind.Bundler,
      lib: ['lib.es2017.d.ts', 'lib.dom.d.ts'],
      types: [],
      skipLibCheck: true,
    });
    const diags = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
    expect(diags).toEqual([]);
  });
});
