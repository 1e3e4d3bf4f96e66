/*
 * The built copies of the runtime: ES2015 syntax, no require, the standalone files work
 * as a native mini-program would load them, and the .ts copy type-checks under strict.
 * They are read where `npm run build` (run first by `npm test` and `npm run test:unit`) writes them:
 * the runtime package's files in packages/runtime, this tool's in dist/runtime.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { build } from 'esbuild';
import ts from 'typescript';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { weappAudio } from './fakes/audio';
import { weapp } from './fakes/platforms';
import { weappSystemInfo } from './fakes/system-info';
import { FakePageStack } from './fakes/pages';
import { tick, track } from './helpers';
import { ROOT as root } from '../helpers/paths';
import { foldWeChatBuild } from '../../scripts/lib/wechat-build.mjs';
import { createProgram } from '../helpers/typescript';

const packageDir = join(root, 'packages', 'runtime');
const toolDir = join(root, 'dist', 'runtime');
/** Where a test writes the files it compiles beside the built ones. */
const out = join(root, '.tmp', `runtime-build-${process.pid}`);
const script = join(root, 'scripts', 'build-runtime.mjs');
/** The checks every output of the runtime's build passes. */
const checks = join(root, 'scripts', 'lib', 'output-checks.mjs');

type Checker = { findPostEs2015Syntax(code: string, name?: string): string[] };

beforeAll(() => {
  mkdirSync(out, { recursive: true });
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

/**
 * A built file: `standalone/…` and `former/…` (this tool's), else the runtime package's `dist/…` (`esm/record.js`) or
 * its own path (`miniprogram_dist/index.js`).
 */
const built = (p: string) =>
  p.startsWith('standalone/')
    ? join(toolDir, p)
    : p.startsWith('former/')
      ? join(toolDir, p.slice('former/'.length))
      : p.startsWith('miniprogram_dist/')
        ? join(packageDir, p)
        : join(packageDir, 'dist', p);
const read = (p: string) => readFileSync(built(p), 'utf8');

describe('build-runtime', () => {
  it('the syntax checker catches what old engines cannot parse', async () => {
    const { findPostEs2015Syntax } = (await import(pathToFileURL(checks).href)) as Checker;
    expect(
      findPostEs2015Syntax('a?.b; a ?? b; async function f(){ await g() } ({...x}); try{}catch{}; 2**3'),
    ).toHaveLength(7);
    expect(findPostEs2015Syntax('const {a, ...r} = o; class A { x = 1 }')).toHaveLength(2);
    expect(findPostEs2015Syntax('const f = (a, ...b) => [...b]; let {x = 1} = o; class B { m() {} }; `t${x}`')).toEqual(
      [],
    );
  });

  it('every output is ES2015 syntax', async () => {
    const { findPostEs2015Syntax } = (await import(pathToFileURL(checks).href)) as Checker;
    for (const f of [
      'esm/recording-options.js',
      'esm/record.js',
      'esm/voice.js',
      'esm/background-audio.js',
      'esm/audio-context.js',
      'esm/taro-wrapper.js',
      'esm/taro.js',
      'esm/native.js',
      'esm/h5.js',
      'standalone/record-compat.js',
    ])
      expect(findPostEs2015Syntax(read(f), f)).toEqual([]);
  });

  it('one caller for every legacy function: caller.js is ES2015, and the standalone copy has it once', async () => {
    const { findPostEs2015Syntax } = (await import(pathToFileURL(checks).href)) as Checker;
    expect(findPostEs2015Syntax(read('esm/caller.js'), 'esm/caller.js')).toEqual([]);
    for (const f of ['esm/record.js', 'esm/voice.js', 'esm/background-audio.js'])
      expect(read(f)).toMatch(/from "\.\/caller\.js"/);
    const text = read('standalone/record-compat.ts');
    expect(text.match(/function caller\(/g)).toHaveLength(1);
    expect(text.match(/typeof f == 'function'/g)).toHaveLength(1);
  });

  it('ESM files import each other with explicit extensions and are marked as modules', () => {
    expect(read('esm/taro.js')).toMatch(/from "\.\/record\.taro\.js"/);
    // src/shared's module, a sibling in the package.
    expect(read('esm/record.js')).toMatch(/from "\.\/recording-options\.js"/);
    expect(read('esm/record.taro.js')).toMatch(/from "\.\/recording-options\.js"/);
    expect(read('esm/taro.js')).toMatch(/import Taro from "@tarojs\/taro"/);
    expect(read('esm/native.js')).toMatch(/from "\.\/record\.js"/);
    expect(read('esm/taro.js')).toMatch(/from "\.\/voice\.taro\.js"/);
    expect(read('esm/native.js')).toMatch(/from "\.\/voice\.js"/);
    expect(JSON.parse(read('esm/package.json')).type).toBe('module');
  });

  it("the Taro entry imports the Taro forms of the families that ask whether they are in a Taro build for WeChat; no other output reads process, which nothing defines outside Taro's builds", () => {
    const families = ['record', 'voice', 'background-audio', 'audio-context'];
    for (const dir of ['esm', 'cjs']) {
      const files = readdirSync(join(packageDir, 'dist', dir)).filter((f) => f.endsWith('.js'));
      expect(files.filter((f) => f.endsWith('.taro.js')).sort()).toEqual(families.map((f) => `${f}.taro.js`).sort());
      for (const family of families) {
        expect(read(`${dir}/${family}.taro.js`)).toContain('process.env.TARO_ENV == "weapp"');
        expect(read(`${dir}/taro.js`)).toContain(`./${family}.taro.js"`);
        for (const entry of ['native.js', 'h5.js']) expect(read(`${dir}/${entry}`)).not.toContain('.taro.js');
      }
      for (const f of files.filter((f) => f !== 'taro.js' && !f.endsWith('.taro.js')))
        expect(read(`${dir}/${f}`), `${dir}/${f}`).not.toMatch(/\bprocess\.env\b/);
    }
    for (const f of [
      'miniprogram_dist/index.js',
      'standalone/record-compat.ts',
      'standalone/record-compat.js',
      'standalone/record-compat.d.ts',
    ])
      expect(read(f), f).not.toMatch(/\bprocess\.env\b/);
  });

  it('the ESM native entry records through wx', async () => {
    await recordsThroughWx(() => import(pathToFileURL(built('esm/native.js')).href));
  });

  it('the runtime package: every module as CommonJS too, ES2015, requiring its siblings by their .js; the CommonJS native entry records through wx', async () => {
    const { findPostEs2015Syntax } = (await import(pathToFileURL(checks).href)) as Checker;
    for (const name of [
      'caller',
      'recording-options',
      'record',
      'voice',
      'background-audio',
      'audio-context',
      'taro-wrapper',
      'system-info',
      'taro',
      'native',
      'h5-recorder',
      'h5-record',
      'h5-players',
      'h5-system-info',
      'h5',
    ])
      expect(findPostEs2015Syntax(read(`cjs/${name}.js`), `cjs/${name}.js`)).toEqual([]);
    expect(read('cjs/native.js')).toMatch(/require\("\.\/record\.js"\)/);
    expect(read('cjs/record.js')).toMatch(/require\("\.\/recording-options\.js"\)/);
    expect(read('cjs/taro.js')).toMatch(/require\("@tarojs\/taro"\)/);
    await recordsThroughWx(async () => createRequire(__filename)(built('cjs/native.js')));
  });

  it("the runtime package's declarations: one per module, the native entry's naming no Taro", () => {
    expect(read('types/taro.d.ts')).toMatch(/export declare const startRecord: RecordCompat\['startRecord'\];/);
    expect(read('types/native.d.ts')).toMatch(/export declare const playVoice: VoiceCompat\['playVoice'\];/);
    expect(read('types/h5.d.ts')).toMatch(/export \{[^}]*\bstartRecord\b[^}]*\} from '\.\/h5-record';/);
    expect(read('types/h5-record.d.ts')).toMatch(/export declare const startRecord/);
    expect(read('types/native.d.ts')).not.toContain('@tarojs/taro');
  });

  it("the runtime package's declarations name only siblings that are there (the entries re-export types.d.ts, which no module list holds)", () => {
    const dir = built('types');
    const files = readdirSync(dir).filter((name) => name.endsWith('.d.ts'));
    const missing = files.flatMap((file) =>
      [...readFileSync(join(dir, file), 'utf8').matchAll(/from\s*['"](\.\/[\w-]+)['"]/g)]
        .map((m) => `${m[1]}.d.ts`.slice(2))
        .filter((name) => !files.includes(name))
        .map((name) => `${file} -> ${name}`),
    );
    expect(files).toContain('types.d.ts');
    expect(missing).toEqual([]);
  });

  /**
   * A module of a folder as a mini-program loads it: wrapped in a function of require, module and
   * exports, `require` resolving a relative name inside the folder (with or without its .js) and
   * nothing else, the platform's global beside timers. What WeChat's npm build leaves in
   * miniprogram_npm/<package>/ is loaded so.
   */
  function miniProgramRequire(dir: string, globals: Record<string, unknown>): (name: string) => any {
    const cache = new Map<string, { exports: any }>();
    const load = (file: string): any => {
      const cached = cache.get(file);
      if (cached) return cached.exports;
      const module = { exports: {} as any };
      cache.set(file, module);
      const run = vm.runInNewContext(
        `(function (require, module, exports) {\n${readFileSync(join(dir, file), 'utf8')}\n})`,
        { ...globals, setTimeout, clearTimeout, Promise },
      );
      run(
        (name: string) => {
          if (!name.startsWith('./'))
            throw new Error(`${file} requires ${name}, which a mini-program resolves from no folder here`);
          return load(name.slice(2).replace(/(\.js)?$/, '.js'));
        },
        module,
        module.exports,
      );
      return module.exports;
    };
    return (name: string) => load(name.replace(/^\.\//, '').replace(/(\.js)?$/, '.js'));
  }

  it("miniprogram_dist, the folder WeChat's npm build copies: index.js is the native entry as one CommonJS ES2015 file that requires nothing, and native.js the same module", async () => {
    const { findPostEs2015Syntax } = (await import(pathToFileURL(checks).href)) as Checker;
    const index = read('miniprogram_dist/index.js');
    expect(findPostEs2015Syntax(index, 'index.js')).toEqual([]);
    expect(index).not.toMatch(/\brequire\s*\(/);
    expect(index).toMatch(/^\/\*\n \* record-compat-runtime \d+\.\d+\.\d+, native entry/);
    const p = weapp({ scope: undefined, popup: 'allow' });
    const load = miniProgramRequire(join(packageDir, 'miniprogram_dist'), { wx: p.api });
    // require('record-compat-runtime') loads index.js there, require('record-compat-runtime/native') native.js.
    const main = load('./index.js');
    expect(load('./native.js')).toBe(main);
    const nativeExports = [
      ...readFileSync(join(root, 'src/runtime/native.ts'), 'utf8').matchAll(
        /^export (?:const|function) (\w+)|^export \{ ([\w, ]+) \} from/gm,
      ),
    ].flatMap((m) => (m[1] ?? m[2]!).split(', '));
    expect(Object.keys(main).sort()).toEqual(nativeExports.sort());
    expect(main.configureRecordCompat({ durationMs: 3000 })).toBeUndefined();
    const start = track(main.startRecord, 'start');
    await tick(5000);
    expect(start.ok).toBe(true);
    expect(start.res.tempFilePath).toBe(p.recorder!.recordings[0].tempFilePath);
  });

  it("this tool's former entries re-export the runtime package's, in each module system", () => {
    for (const [name, entry] of [
      ['taro', 'record-compat-runtime'],
      ['native', 'record-compat-runtime/native'],
      ['h5', 'record-compat-runtime/h5'],
    ]) {
      expect(read(`former/esm/${name}.js`)).toContain(`export * from "${entry}";`);
      expect(read(`former/cjs/${name}.js`)).toContain(`module.exports = require("${entry}");`);
      expect(read(`former/types/${name}.d.ts`)).toContain(`export * from "${entry}";`);
    }
  });

  it("the runtime's sources import nothing outside src/runtime but src/shared's modules, which import nothing (the package holds them alone), and the build says so of one that does", async () => {
    const sources = join(root, 'src', 'runtime');
    for (const file of readdirSync(sources)) {
      for (const [, from] of readFileSync(join(sources, file), 'utf8').matchAll(/from\s+['"](\.\.\/[^'"]*)['"]/g))
        expect(from, file).toMatch(/^\.\.\/shared\/[\w-]+$/);
    }
    const shared = join(root, 'src', 'shared');
    for (const file of readdirSync(shared))
      expect(readFileSync(join(shared, file), 'utf8'), file).not.toMatch(/\bfrom\s+['"]|\bimport\s*\(|\brequire\s*\(/);
    const { importsOutsideRuntime } = (await import(pathToFileURL(script).href)) as {
      importsOutsideRuntime(name: string, text: string, shared?: string[]): string[];
    };
    expect(
      importsOutsideRuntime(
        'record',
        "import { x } from './caller';\nimport type { T } from '../rewrite/types';\nexport * from '../cli/options';\nimport { v } from '../shared/recording-options';\n",
        ['recording-options'],
      ),
    ).toEqual([
      'src/runtime/record.ts: imports ../rewrite/types, outside src/runtime (the runtime package ships src/runtime alone, and the modules of src/shared it builds in)',
      'src/runtime/record.ts: imports ../cli/options, outside src/runtime (the runtime package ships src/runtime alone, and the modules of src/shared it builds in)',
    ]);
    expect(
      importsOutsideRuntime('recording-options', "import { x } from '../runtime/caller';\n", ['recording-options']),
    ).toEqual([
      'src/shared/recording-options.ts: imports ../runtime/caller (a shared module of the runtime imports nothing)',
    ]);
  });

  it('standalone JS: one CommonJS file, no require, works as a native mini-program loads it', async () => {
    const js = read('standalone/record-compat.js');
    expect(js).not.toMatch(/\brequire\s*\(/);
    const p = weapp({ scope: undefined, popup: 'allow' });
    const exports: Record<string, any> = {};
    // A mini-program module scope: module/exports, the platform global, timers; nothing else.
    vm.runInNewContext(js, { module: { exports }, exports, wx: p.api, setTimeout, clearTimeout, Promise });
    expect(Object.keys(exports)).toEqual(
      expect.arrayContaining([
        'startRecord',
        'stopRecord',
        'configureRecordCompat',
        'validateRecordOptions',
        'playVoice',
        'pauseVoice',
        'stopVoice',
      ]),
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
    // Generated, not a second hand-kept copy: the sources are in it verbatim (src/shared's too).
    const options = readFileSync(join(root, 'src/shared/recording-options.ts'), 'utf8');
    expect(text).toContain(options.slice(options.indexOf('export function validateRecordOptions')).trimEnd());
    // As the native entry holds them: each test of a Taro build for WeChat folded as false.
    const record = foldWeChatBuild(readFileSync(join(root, 'src/runtime/record.ts'), 'utf8')).text;
    expect(text).toContain(
      record
        .slice(
          record.indexOf('export function createRecordCompat'),
          record.indexOf('// Every event a RecorderManager may have'),
        )
        .trimEnd(),
    );
    const typings = join(root, 'node_modules/miniprogram-api-typings/index.d.ts');
    const { STRICTEST } = (await import(pathToFileURL(checks).href)) as { STRICTEST: ts.CompilerOptions };
    expect(STRICTEST.strict).toBe(true);
    const program = createProgram([built('standalone/record-compat.ts'), typings], {
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

  // What an app's bundler keeps of an entry when the app imports `names` (esbuild, as bench:size does); `taroEnv`: a Taro
  // build's platform, as its bundler defines process.env.TARO_ENV.
  async function bundled(entry: string, names: string[], taroEnv?: string) {
    const r = await build({
      stdin: {
        contents: `import { ${names} } from ${JSON.stringify(built(`esm/${entry}`))}; ${names.map((n) => `${n}();`).join('')}`,
        resolveDir: root,
        loader: 'js',
      },
      bundle: true,
      minify: true,
      format: 'esm',
      target: 'es2015',
      external: ['@tarojs/taro'],
      define: taroEnv ? { 'process.env.TARO_ENV': JSON.stringify(taroEnv) } : {},
      write: false,
      logLevel: 'silent',
    });
    return r.outputFiles![0]!.text;
  }

  it("taro.js in a Taro build for WeChat: each family ships none of the code only other platforms need, which a build for another platform ships (the guard against rejected Promises, Alipay's rules, a player's missing destroy())", async () => {
    // ifRejected, minified: `x.then(void 0, onRejected)`.
    const guard = /\.then\(void 0,/;
    for (const names of [['playVoice', 'pauseVoice', 'stopVoice'], ['createAudioContext'], ['playBackgroundAudio']]) {
      expect(await bundled('taro.js', names, 'weapp'), names[0]).not.toMatch(guard);
      expect(await bundled('taro.js', names, 'qq'), names[0]).toMatch(guard);
    }
    expect(await bundled('taro.js', ['playVoice'], 'weapp')).not.toMatch(/\.stop\(\)/);
    expect(await bundled('taro.js', ['playVoice'], 'qq')).toMatch(/\.stop\(\)/);
    // Taro's own getSetting and authorize return Promises that reject: record keeps its guard on WeChat too.
    const record = await bundled('taro.js', ['startRecord', 'stopRecord'], 'weapp');
    expect(record).toMatch(guard);
    expect(record).not.toMatch(/errorMessage|18e4/);
    expect(await bundled('taro.js', ['startRecord', 'stopRecord'], 'alipay')).toMatch(/errorMessage[^]*18e4/);
  });

  it.each(['taro.js', 'native.js'])(
    '%s: an app that only records ships no voice code, and the other way round',
    async (entry) => {
      const record = await bundled(entry, ['startRecord', 'stopRecord']);
      expect(record).toContain('getRecorderManager');
      expect(record).not.toMatch(/createInnerAudioContext|playVoice|pauseVoice|stopVoice/);
      const voice = await bundled(entry, ['playVoice', 'pauseVoice', 'stopVoice']);
      expect(voice).toContain('createInnerAudioContext');
      expect(voice).not.toMatch(/getRecorderManager|startRecord|scope\.record/);
      // Nor background audio, unless the app calls it.
      for (const code of [record, voice]) expect(code).not.toMatch(/BackgroundAudio/);
      const background = await bundled(entry, [
        'playBackgroundAudio',
        'getBackgroundAudioPlayerState',
        'onBackgroundAudioStop',
      ]);
      expect(background).toContain('getBackgroundAudioManager');
      expect(background).not.toMatch(/getRecorderManager|startRecord|createInnerAudioContext|scope\.record/);
      const both = await bundled(entry, ['startRecord', 'playVoice']);
      expect(both).toContain('getRecorderManager');
      expect(both).toContain('createInnerAudioContext');
      // createAudioContext: nothing of it unless called, and nothing but it when it is.
      for (const code of [record, voice, background, both])
        expect(code).not.toMatch(/getCurrentPages|getPageId|\$taroPath/);
      const audioContext = await bundled(entry, ['createAudioContext']);
      expect(audioContext).toMatch(/createInnerAudioContext/);
      expect(audioContext).toMatch(/getCurrentPages/);
      expect(audioContext).not.toMatch(
        /getRecorderManager|startRecord|scope\.record|BackgroundAudio|playVoice|duration/,
      );
    },
  );

  it.each(['taro.js', 'native.js'])(
    '%s: an app that reads system info ships none of the other families, and one that calls another family none of system info',
    async (entry) => {
      const systemInfo = await bundled(entry, ['getWindowInfo', 'getSystemInfoSync', 'getSystemInfo']);
      expect(systemInfo).toMatch(/getWindowInfo/);
      expect(systemInfo).not.toMatch(
        /getRecorderManager|scope\.record|createInnerAudioContext|BackgroundAudio|getCurrentPages/,
      );
      // Taro's wrapper only with getSystemInfoWrapped.
      expect(systemInfo).not.toMatch(/new Promise/);
      expect(await bundled(entry, ['getSystemInfoWrapped'])).toMatch(/new Promise/);
      for (const names of [
        ['startRecord'],
        ['playVoice'],
        ['playBackgroundAudio'],
        ['createAudioContext'],
        ['startRecordWrapped'],
      ]) {
        expect(await bundled(entry, names), names[0]).not.toMatch(/getWindowInfo|getSystemInfo|Authorized/);
      }
    },
  );

  it.each(['taro.js', 'native.js'])(
    '%s: an app that draws ships none of the other families, and one that calls another family none of the canvas',
    async (entry) => {
      const canvas = await bundled(entry, [
        'createCanvasContext',
        'canvasToTempFilePath',
        'canvasGetImageData',
        'canvasPutImageData',
      ]);
      expect(canvas).toMatch(/createSelectorQuery/);
      expect(canvas).not.toMatch(/getRecorderManager|scope\.record|createInnerAudioContext|BackgroundAudio|Authorized/);
      for (const names of [
        ['startRecord'],
        ['playVoice'],
        ['playBackgroundAudio'],
        ['createAudioContext'],
        ['getSystemInfoSync'],
        ['startRecordWrapped'],
      ])
        expect(await bundled(entry, names), names[0]).not.toMatch(
          /createSelectorQuery|createOffscreenCanvas|setFontSize/,
        );
    },
  );

  it("a native mini-program's local copy holding the canvas alone draws through wx's Canvas 2D", async () => {
    const { assembleCopy } = await import('../../src/cli/runtime-copy');
    const { FakeCanvasPlatform } = await import('./fakes/canvas');
    const pieces = JSON.parse(read('standalone/pieces.json'));
    // The rewrite's table (RUNTIME_FAMILIES) names no canvas family yet: the copy's pieces do.
    const js = assembleCopy(pieces, ['canvas'] as never[], 'js');
    expect(js).not.toMatch(/\brequire\s*\(|getRecorderManager|createInnerAudioContext|BackgroundAudio|Authorized/);
    const p = new FakeCanvasPlatform();
    const el = p.mount(p.page(), { id: 'poster', canvasId: 'poster', type: '2d', width: 20, height: 20 });
    const exports: Record<string, any> = {};
    vm.runInNewContext(js, {
      module: { exports },
      exports,
      wx: p.api,
      getCurrentPages: p.pages.getCurrentPages,
      setTimeout,
      Promise,
      WeakMap,
      Uint8ClampedArray,
    });
    vi.useRealTimers();
    const ctx = exports.createCanvasContext('poster');
    ctx.setFillStyle('red');
    ctx.fillRect(0, 0, 10, 10);
    await new Promise<void>((resolve) => ctx.draw(false, resolve));
    expect([...p.shown(el).data.slice(0, 4)]).toEqual([255, 0, 0, 255]);
    expect(p.calls).not.toContain('createCanvasContext');
  });

  it.each(['taro.js', 'native.js', 'h5.js'])(
    '%s: an app that encodes base64 ships the two functions alone, and one that calls another family none of them',
    async (entry) => {
      // The H5 entry's imports of @tarojs/taro stay as imports (an external module may have effects): no code of ours.
      const base64 = (await bundled(entry, ['arrayBufferToBase64', 'base64ToArrayBuffer'])).replace(
        /import\{[^}]*\}from"@tarojs\/taro";/g,
        '',
      );
      expect(base64).toMatch(/ABCDEFGHIJKLMNOPQRSTUVWXYZ/);
      expect(base64).not.toMatch(/getRecorderManager|createInnerAudioContext|BackgroundAudio|getWindowInfo|getEnv/);
      for (const names of [['startRecord'], ['playVoice'], ['getSystemInfoSync'], ['createAudioContext']])
        expect(await bundled(entry, names), names[0]).not.toMatch(/ABCDEFGHIJKLMNOPQRSTUVWXYZ/);
    },
  );

  it("a native mini-program's local copy holding base64 alone loads and encodes with no platform object", async () => {
    const { assembleCopy } = await import('../../src/cli/runtime-copy');
    const pieces = JSON.parse(read('standalone/pieces.json'));
    const js = assembleCopy(
      pieces,
      pieces.families.filter((family: string) => family === 'base64'),
      'js',
    );
    expect(js).toMatch(/families: base64\./);
    expect(js).not.toMatch(/\brequire\s*\(|getRecorderManager|createInnerAudioContext|getWindowInfo/);
    const exports: Record<string, any> = {};
    vm.runInNewContext(js, { module: { exports }, exports, ArrayBuffer, Uint8Array });
    expect(exports.arrayBufferToBase64(new Uint8Array([11, 22, 33]))).toBe('CxYh');
    expect([...new Uint8Array(exports.base64ToArrayBuffer('CxYh'))]).toEqual([11, 22, 33]);
  });

  it("a native mini-program's local copy holding system info alone loads and answers on WeChat's five, with no legacy call and no other family's code", async () => {
    const { assembleCopy } = await import('../../src/cli/runtime-copy');
    const pieces = JSON.parse(read('standalone/pieces.json'));
    const js = assembleCopy(
      pieces,
      pieces.families.filter((family: string) => family === 'system-info'),
      'js',
    );
    expect(js).toMatch(/families: system-info\./);
    expect(js).not.toMatch(/\brequire\s*\(|getRecorderManager|createInnerAudioContext|BackgroundAudio/);
    const p = weappSystemInfo();
    const exports: Record<string, any> = {};
    vm.runInNewContext(js, { module: { exports }, exports, wx: p.api, setTimeout, clearTimeout, Promise });
    expect(exports.getWindowInfo()).toEqual(p.parts().getWindowInfo);
    expect(exports.getSystemInfoSync().model).toBe(p.legacyObject().model);
    const success = vi.fn();
    exports.getSystemInfo({ success });
    expect(success).toHaveBeenCalledWith(
      expect.objectContaining({ errMsg: 'getSystemInfo:ok', windowWidth: p.legacyObject().windowWidth }),
    );
    expect(exports.authorized(exports.getAppAuthorizeSetting().cameraAuthorized)).toBe(
      p.legacyObject().cameraAuthorized,
    );
    expect(p.legacyCalls).toBe(0);
    expect(p.printed).toEqual([]);
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
    vm.runInNewContext(js, {
      module: { exports },
      exports,
      wx: p.api,
      getCurrentPages: pages.getCurrentPages,
      setTimeout,
      clearTimeout,
      Promise,
    });
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

  it('standalone .d.ts: the same exported names and types as the .ts copy, and the names are what the .js exports', () => {
    // The .ts copy and the declaration file, each a module of its own folder (the .d.ts beside the .js, as --runtime
    // local writes them).
    const tsDir = join(out, 'standalone-ts');
    const jsDir = join(out, 'standalone-js');
    mkdirSync(tsDir, { recursive: true });
    mkdirSync(jsDir, { recursive: true });
    writeFileSync(join(tsDir, 'record-compat.ts'), read('standalone/record-compat.ts'));
    writeFileSync(join(jsDir, 'record-compat.d.ts'), read('standalone/record-compat.d.ts'));
    writeFileSync(join(jsDir, 'record-compat.js'), read('standalone/record-compat.js'));
    const program = createProgram([join(tsDir, 'record-compat.ts'), join(jsDir, 'record-compat.d.ts')], {
      strict: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2015,
      lib: ['lib.es2017.d.ts'],
      types: [],
      skipLibCheck: true,
    });
    expect(ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual(
      [],
    );
    const checker = program.getTypeChecker();
    const flags = ts.TypeFormatFlags.NoTruncation;
    const exportsOf = (file: string) =>
      new Map(
        checker
          .getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(file)!)!)
          .map((symbol) => [symbol.name, symbol]),
      );
    // Each export as TypeScript sees it: value or type, and its type written out (an interface's members one by one,
    // but the runtime's internal fields: the .d.ts leaves them out, as the .js copy writes them shortened).
    const shapeOf = (symbol: ts.Symbol) => {
      const parts: string[] = [];
      if (symbol.flags & ts.SymbolFlags.Value)
        parts.push(`value: ${checker.typeToString(checker.getTypeOfSymbol(symbol), undefined, flags)}`);
      if (symbol.flags & ts.SymbolFlags.Type) {
        const type = checker.getDeclaredTypeOfSymbol(symbol);
        parts.push(`type: ${checker.typeToString(type, undefined, flags | ts.TypeFormatFlags.InTypeAlias)}`);
        for (const member of type.getProperties().filter((m) => !m.name.endsWith('_')))
          parts.push(
            `  ${member.name}${member.flags & ts.SymbolFlags.Optional ? '?' : ''}: ${checker.typeToString(checker.getTypeOfSymbol(member), undefined, flags)}`,
          );
        for (const signature of type.getCallSignatures())
          parts.push(`  call ${checker.signatureToString(signature, undefined, flags)}`);
      }
      return parts.join('\n');
    };
    const fromTs = exportsOf(join(tsDir, 'record-compat.ts'));
    const fromDts = exportsOf(join(jsDir, 'record-compat.d.ts'));
    expect(fromTs.size).toBeGreaterThan(30);
    expect([...fromDts.keys()].sort()).toEqual([...fromTs.keys()].sort());
    const differing: string[] = [];
    for (const [name, symbol] of fromTs) {
      const other = fromDts.get(name)!;
      if (shapeOf(symbol) === shapeOf(other)) continue;
      // Written differently (a parameter with a default is `p?: T | undefined` in a declaration): the same type both
      // ways.
      const [a, b] = [symbol, other].map((s) =>
        s.flags & ts.SymbolFlags.Value ? checker.getTypeOfSymbol(s) : checker.getDeclaredTypeOfSymbol(s),
      );
      if (
        (symbol.flags & ts.SymbolFlags.Value) === (other.flags & ts.SymbolFlags.Value) &&
        checker.isTypeAssignableTo(a, b) &&
        checker.isTypeAssignableTo(b, a)
      )
        continue;
      differing.push(`${name}:\n${shapeOf(symbol)}\n  vs\n${shapeOf(other)}`);
    }
    expect(differing).toEqual([]);
    // A callback given to a function of the .js copy is typed through the .d.ts beside it (no implicit any in a checkJs
    // project).
    const page = join(jsDir, 'page.js');
    writeFileSync(
      page,
      "var startRecord = require('./record-compat').startRecord\nstartRecord({ success(res) { console.log(res.tempFilePath.length) } })\n",
    );
    const js = createProgram([page], {
      strict: true,
      allowJs: true,
      checkJs: true,
      noEmit: true,
      target: ts.ScriptTarget.ES2015,
      module: ts.ModuleKind.CommonJS,
      lib: ['lib.es2017.d.ts', 'lib.dom.d.ts'],
      types: [],
      // TypeScript's own lib files are not ours to check; the .d.ts beside the copy is.
      skipDefaultLibCheck: true,
    });
    expect(js.getSourceFiles().map((sf) => sf.fileName)).toContain(join(jsDir, 'record-compat.d.ts'));
    expect(ts.getPreEmitDiagnostics(js).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))).toEqual([]);
    // The values the .d.ts declares are what the .js exports.
    const exports: Record<string, unknown> = {};
    vm.runInNewContext(read('standalone/record-compat.js'), {
      module: { exports },
      exports,
      setTimeout,
      clearTimeout,
      Promise,
    });
    const values = [...fromDts].filter(([, symbol]) => symbol.flags & ts.SymbolFlags.Value).map(([name]) => name);
    expect(
      Object.keys(exports)
        .filter((name) => name !== '__esModule')
        .sort(),
    ).toEqual(values.sort());
  });

  it('the standalone copies name no plugin rule in an ESLint directive (a project without the plugin would fail on it)', async () => {
    const directive = /(?:\/\*|\/\/)\s*eslint-(?:disable|enable)[^\n]*?[\w@-]+\/[\w-]+/;
    for (const file of ['record-compat.ts', 'record-compat.js', 'record-compat.d.ts'])
      expect(read(`standalone/${file}`), file).not.toMatch(directive);
    // The sources still say why `any` is fine where it is (their own lint runs with typescript-eslint).
    expect(readFileSync(join(root, 'src/runtime/caller.ts'), 'utf8')).toMatch(directive);
    const { withoutPluginRuleDirectives } = (await import(pathToFileURL(checks).href)) as {
      withoutPluginRuleDirectives(text: string): string;
    };
    expect(withoutPluginRuleDirectives('a;\n/* eslint-disable @typescript-eslint/no-explicit-any */\nb;\n')).toBe(
      'a;\nb;\n',
    );
    expect(
      withoutPluginRuleDirectives(
        '/* eslint-disable @typescript-eslint/no-explicit-any -- why */\nb;\n/* eslint-enable @typescript-eslint/no-explicit-any */\n',
      ),
    ).toBe('b;\n');
    expect(
      withoutPluginRuleDirectives('x; // eslint-disable-line no-console, @typescript-eslint/ban-ts-comment -- why\n'),
    ).toBe('x; // eslint-disable-line no-console -- why\n');
    expect(withoutPluginRuleDirectives('/* eslint-disable no-console */\n')).toBe('/* eslint-disable no-console */\n');
  });

  it("standalone TS: the app's own getRecorderManager() is a WechatMiniprogram.RecorderManager and back (routed code keeps type-checking)", () => {
    const user = built('standalone/user-page.ts');
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
        "audioCtx.setSrc('/audio/b.mp3'); audioCtx.play(); audioCtx.seek(14); audioCtx.pause();",
        "Component({ methods: { start() { createAudioContext('clip', this).play(); } } });",
      ].join('\n'),
    );
    const typings = join(root, 'node_modules/miniprogram-api-typings/index.d.ts');
    const program = createProgram([user, typings], {
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

/** Loads a native entry with WeChat's fake `wx` in place, and records a second through it. */
async function recordsThroughWx(
  load: () => Promise<{ startRecord: (o?: object) => unknown; stopRecord: (o?: object) => unknown }>,
): Promise<void> {
  (globalThis as Record<string, unknown>).wx = weapp().api;
  try {
    const mod = await load();
    const start = track(mod.startRecord as never, 'start');
    await tick(1000);
    track(mod.stopRecord as never, 'stop');
    await tick(1000);
    expect(start.ok).toBe(true);
  } finally {
    delete (globalThis as Record<string, unknown>).wx;
  }
}
