#!/usr/bin/env node
/*
 * Size of the runtime as an app gets it (the package record-compat-runtime, packages/runtime): a one-line app module
 * importing the entry is bundled as a Taro build for WeChat bundles it (process.env.TARO_ENV is "weapp"; @tarojs/taro
 * stays external: the app has it anyway), minified, ES2015 target; then gzip -9. Per entry, what rewritten code
 * imports: the record API only (startRecord, stopRecord), the voice API only (playVoice, pauseVoice, stopVoice), both,
 * the background-audio API, createAudioContext, system info (and on a Taro H5 build, where the app was migrated without
 * the build plugin), the legacy canvas (against its 3 KB target), base64; and the whole entry. Beside them, the floors
 * cut by hand that are code (scripts/bench/floors/), measured the same way. Also the standalone file the CLI writes
 * into native mini-programs (holding every family), and the H5 entry as a Taro H5 build gets it, code-split: what loads
 * up front, and that plus the mp3 encoder's own chunk. The local copy holds only the families a project imports: each
 * family's copy, and its types, are measured too. Last, each module of the ES build minified on its own, and the Taro
 * entry's form of each family that asks whether it is in a Taro build for WeChat, minified as such a build's would be.
 * Usage: node scripts/bench-size.mjs [--json] [--smoke]
 *   --smoke: measures the runtime `npm run build` left in packages/runtime and dist/runtime instead of building it
 *            afresh (the type check of the standalone copy is most of the time): the fast tests run it.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build, transform } from 'esbuild';
import { buildRuntime, RUNTIME_MODULES as MODULES, TARO_FORMS } from './build-runtime.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * The targets (BENCHMARKS.md, "Runtime size"), gzipped, through the Taro entry. Each family alone at most
 * FLOOR_RATIO_TARGET times its floor: what a WeChat-only build would keep of it, cut by hand as code (CODE_FLOORS),
 * bundled as the families are and measured at each run into FLOOR_GZIP.
 */
const FLOOR_GZIP = {};
const FLOOR_RATIO_TARGET = 1.15;
/** What background audio or createAudioContext adds to an app that records and plays voice: 0.75 KB. */
const ADDED_TARGET_GZIP = 768;

/**
 * A TypeScript module of this repository, compiled on the fly: the legacy-API table (each family's names come from it),
 * the local copy's assembly.
 */
async function bundledModule(file) {
  const out = await build({
    entryPoints: [join(root, file)],
    bundle: true,
    format: 'esm',
    platform: 'node',
    write: false,
    logLevel: 'silent',
  });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}
const { LEGACY_API_NAMES, kindOf } = await bundledModule('src/rewrite/rules/legacy-apis.ts');
const namesOf = (kind) => LEGACY_API_NAMES.filter((name) => kindOf(name) === kind);
const RECORD = namesOf('record');
const VOICE = namesOf('voice');
const BACKGROUND_AUDIO = namesOf('backgroundAudio');
const BASE64 = namesOf('base64');
// Everything of the system-info family an app can import (the rewrite imports the five where the code reads their
// fields).
const SYSTEM_INFO = [
  'getWindowInfo',
  'getDeviceInfo',
  'getAppBaseInfo',
  'getSystemSetting',
  'getAppAuthorizeSetting',
  'getSystemInfoSync',
  'getSystemInfo',
  'getSystemInfoAsync',
  'authorized',
];
/**
 * The floors that are code, by their FLOOR_GZIP key: a file of scripts/bench/floors/ (each says what it keeps of its
 * family and what it leaves out), and the family's names, which the app module imports from it.
 */
const CODE_FLOORS = {
  record: { file: 'record.js', names: RECORD },
  voice: { file: 'voice.js', names: VOICE },
  base64: { file: 'base64.js', names: BASE64 },
  backgroundAudio: { file: 'background-audio.js', names: BACKGROUND_AUDIO },
  audioContext: { file: 'audio-context.js', names: ['createAudioContext'] },
  systemInfo: { file: 'system-info.js', names: SYSTEM_INFO },
};
// The legacy canvas: what migrated canvas code imports (createCanvasContext, the three that read a canvas, and the type
// a Taro JSX or Vue template binds).
const CANVAS = [
  'createCanvasContext',
  'canvasToTempFilePath',
  'canvasGetImageData',
  'canvasPutImageData',
  'canvasType',
];
/** The canvas family's target, gzipped, through the Taro entry: 3 KB. No floor was cut by hand for it. */
const CANVAS_TARGET_GZIP = 3072;
// An app module importing `names` and calling each, so the bundler keeps exactly those.
const uses = (entry, names) =>
  `import { ${names.join(', ')} } from ${JSON.stringify(entry)}; ${names.map((n) => `${n}();`).join(' ')}`;

/**
 * What every Taro build defines in every module it bundles, node_modules too (webpack's DefinePlugin, vite's define,
 * Taro 1's transform-define): the platform's name. The rows are a WeChat build's, the H5 rows Taro H5's.
 */
const taroBuildFor = (platform) => ({ 'process.env.TARO_ENV': JSON.stringify(platform) });

// `contents` is the app module: what it imports is what the app's bundler keeps. `options`: the floors' fields ending
// with an underscore shortened, as the runtime's build shortens the runtime's.
async function bundle(contents, platform = 'weapp', options = {}) {
  const r = await build({
    stdin: { contents, resolveDir: root, sourcefile: 'app.js', loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2015',
    define: taroBuildFor(platform),
    external: ['@tarojs/taro'],
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
    ...options,
  });
  return r.outputFiles[0].contents;
}

const SMOKE = process.argv.includes('--smoke');
// Measure exactly what is published: the runtime package's ESM build (its package.json "import")
// and this tool's standalone file, built fresh from the sources into a scratch directory (a smoke run: as built).
const scratch = join(root, '.tmp', `bench-size-${process.pid}`);
const built = SMOKE
  ? { packageDir: join(root, 'packages', 'runtime'), toolDir: join(root, 'dist', 'runtime') }
  : { packageDir: join(scratch, 'package'), toolDir: join(scratch, 'tool') };
mkdirSync(scratch, { recursive: true });
if (!SMOKE) await buildRuntime(built);
const esm = join(built.packageDir, 'dist', 'esm');

const rows = [];
for (const [entry, label] of [
  [join(esm, 'taro.js'), 'runtime (Taro)'],
  [join(esm, 'native.js'), 'runtime/native'],
]) {
  // What rewritten code imports, and everything the entry exports (configureRecordCompat
  // brings the option validator along).
  for (const [what, app] of [
    ['record only (startRecord + stopRecord)', uses(entry, RECORD)],
    ['voice only (playVoice + pauseVoice + stopVoice)', uses(entry, VOICE)],
    ['record + voice', uses(entry, [...RECORD, ...VOICE])],
    ['whole entry', `export * from ${JSON.stringify(entry)};`],
    // A project with legacy calls also routes the app's own getRecorderManager() through the runtime (rule 12).
    ["record + the app's own manager (getRecorderManager)", uses(entry, [...RECORD, 'getRecorderManager'])],
    ['background audio only (the eight legacy functions)', uses(entry, BACKGROUND_AUDIO)],
    [
      "background audio + the app's own manager (getBackgroundAudioManager)",
      uses(entry, [...BACKGROUND_AUDIO, 'getBackgroundAudioManager']),
    ],
    [
      'background audio, Taro < 3.3.1 (+ the three wrapped exports)',
      uses(entry, [
        ...BACKGROUND_AUDIO,
        'playBackgroundAudioWrapped',
        'seekBackgroundAudioWrapped',
        'getBackgroundAudioPlayerStateWrapped',
      ]),
    ],
    // What background audio adds where the caller (caller.ts) is already there: the apps of the
    // issue play background audio beside their recording code.
    ['voice + background audio', uses(entry, [...VOICE, ...BACKGROUND_AUDIO])],
    ['record + voice + background audio', uses(entry, [...RECORD, ...VOICE, ...BACKGROUND_AUDIO])],
    ['createAudioContext only', uses(entry, ['createAudioContext'])],
    // What createAudioContext adds beside the record and voice code the same app has.
    ['record + voice + createAudioContext', uses(entry, [...RECORD, ...VOICE, 'createAudioContext'])],
    ['system info only (the five, the legacy three, authorized)', uses(entry, SYSTEM_INFO)],
    // What most code reads (window fields), and Taro.getSystemInfo's wrapper (Decision S5).
    ['system info: getWindowInfo only', uses(entry, ['getWindowInfo'])],
    ['system info + getSystemInfoWrapped', uses(entry, [...SYSTEM_INFO, 'getSystemInfoWrapped'])],
    ['record + voice + system info', uses(entry, [...RECORD, ...VOICE, ...SYSTEM_INFO])],
    ['canvas only (createCanvasContext, the three canvas reads, canvasType)', uses(entry, CANVAS)],
    ['canvas: createCanvasContext only', uses(entry, ['createCanvasContext'])],
    // Plain functions on no platform object: the same code in every entry.
    ['base64 only (arrayBufferToBase64 + base64ToArrayBuffer)', uses(entry, BASE64)],
    ['record + voice + base64', uses(entry, [...RECORD, ...VOICE, ...BASE64])],
  ]) {
    const code = await bundle(app);
    rows.push({
      name: `${label}: ${what}`,
      how: 'bundled + minified',
      bytes: code.length,
      gzip: gzipSync(code, { level: 9 }).length,
    });
  }
}
{
  // The Taro entry on a Taro H5 build, where the app was migrated without the build plugin: system info keeps the
  // lookup of Taro H5's named five there.
  const code = await bundle(uses(join(esm, 'taro.js'), SYSTEM_INFO), 'h5');
  rows.push({
    name: 'runtime (Taro) on Taro H5: system info only',
    how: 'bundled + minified, TARO_ENV h5',
    bytes: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
  });
}
// Each floor that is code, bundled and minified as the family is: an app module importing and calling the same names.
for (const [key, { file, names }] of Object.entries(CODE_FLOORS)) {
  const code = await bundle(uses(join(root, 'scripts', 'bench', 'floors', file), names), 'weapp', {
    mangleProps: /_$/,
  });
  FLOOR_GZIP[key] = { bytes: gzipSync(code, { level: 9 }).length, source: `cut by hand, WeChat-only: floors/${file}` };
  rows.push({
    name: `floor cut by hand, WeChat-only: scripts/bench/floors/${file}`,
    how: 'bundled + minified',
    bytes: code.length,
    gzip: FLOOR_GZIP[key].bytes,
  });
}
{
  // H5: the build splits off the dynamically imported mp3 encoder, as webpack does in Taro H5 builds.
  const app = join(scratch, 'h5-app.js');
  writeFileSync(app, uses(join(esm, 'h5.js'), RECORD));
  const r = await build({
    entryPoints: [app],
    bundle: true,
    splitting: true,
    outdir: join(scratch, 'h5-bundle'),
    minify: true,
    format: 'esm',
    target: 'es2015',
    supported: { 'dynamic-import': true },
    define: taroBuildFor('h5'),
    external: ['@tarojs/taro'],
    charset: 'utf8',
    write: false,
    logLevel: 'silent',
  });
  const files = r.outputFiles.map((f) => ({
    bytes: f.contents.length,
    gzip: gzipSync(f.contents, { level: 9 }).length,
    lame: /lame_encode_buffer|Mp3Encoder/.test(f.text) && !/getUserMedia/.test(f.text),
  }));
  const sum = (fs) => fs.reduce((a, f) => ({ bytes: a.bytes + f.bytes, gzip: a.gzip + f.gzip }), { bytes: 0, gzip: 0 });
  const upFront = sum(files.filter((f) => !f.lame));
  const encoder = files.filter((f) => f.lame);
  if (encoder.length !== 1)
    throw new Error(`expected the mp3 encoder in one chunk of its own, found ${encoder.length}`);
  rows.push({
    name: 'runtime/h5: startRecord + stopRecord, no mp3 encoder',
    how: 'Taro H5; what loads up front',
    ...upFront,
  });
  rows.push({
    name: 'runtime/h5: the same + the mp3 encoder chunk',
    how: 'Taro H5; + lamejs, loaded for mp3 only',
    ...sum(files),
  });
}
// Each module of the ES build on its own, minified (not bundled: its imports stay imports), so that
// a change shows in the module that made it.
const modules = [];
for (const [file, how, define] of [
  ...MODULES.map((name) => [`${name}.js`, 'minified alone, imports kept', {}]),
  ...TARO_FORMS.map((name) => [
    `${name}.taro.js`,
    'minified alone, imports kept, TARO_ENV weapp',
    taroBuildFor('weapp'),
  ]),
]) {
  const { code } = await transform(readFileSync(join(esm, file), 'utf8'), {
    minify: true,
    format: 'esm',
    target: 'es2015',
    charset: 'utf8',
    define,
  });
  modules.push({
    name: `module ${file}`,
    how,
    bytes: Buffer.byteLength(code),
    gzip: gzipSync(code, { level: 9 }).length,
  });
}
{
  const code = readFileSync(join(built.toolDir, 'standalone', 'record-compat.js'));
  rows.push({
    name: 'standalone record-compat.js (CLI --runtime local)',
    how: 'as written, unminified: every family',
    bytes: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
  });
  // What a project gets: the copy holds the families its code imports (src/cli/runtime-copy.ts), and beside a .js copy
  // its types.
  const { assembleCopy } = await bundledModule('src/cli/runtime-copy.ts');
  const pieces = JSON.parse(readFileSync(join(built.toolDir, 'standalone', 'pieces.json'), 'utf8'));
  for (const family of pieces.families.filter((f) => f !== 'taro-wrapper')) {
    for (const [kind, file] of [
      ['js', 'record-compat.js'],
      ['dts', 'record-compat.d.ts'],
    ]) {
      const text = Buffer.from(assembleCopy(pieces, [family], kind));
      rows.push({
        name: `standalone ${file}, the ${family} family alone`,
        how: 'as written, unminified',
        bytes: text.length,
        gzip: gzipSync(text, { level: 9 }).length,
      });
    }
  }
}
{
  // What WeChat's npm build copies into miniprogram_npm/record-compat-runtime/: the native entry, whole (no bundler
  // there to drop a family).
  const code = readFileSync(join(built.packageDir, 'miniprogram_dist', 'index.js'));
  rows.push({
    name: "miniprogram_dist/index.js (WeChat's npm build)",
    how: 'as written, unminified',
    bytes: code.length,
    gzip: gzipSync(code, { level: 9 }).length,
  });
}
rmSync(scratch, { recursive: true, force: true });

if (process.argv.includes('--json')) console.log(JSON.stringify([...rows, ...modules], null, 2));
else {
  console.log(
    `node ${process.version}, esbuild bundle --minify --format=esm --target=es2015 --external:@tarojs/taro, gzip -9\n`,
  );
  for (const r of [...rows, ...modules])
    console.log(
      `${r.name.padEnd(72)} ${String(r.bytes).padStart(6)} B  ${String(r.gzip).padStart(5)} B gzip  (${r.how})`,
    );
  const taro = (what) => rows.find((r) => r.name === `runtime (Taro): ${what}`);
  const [record, voice, both, whole, background] = [
    'record only (startRecord + stopRecord)',
    'voice only (playVoice + pauseVoice + stopVoice)',
    'record + voice',
    'whole entry',
    'background audio only (the eight legacy functions)',
  ].map(taro);
  const audioContext = taro('createAudioContext only');
  const systemInfo = taro('system info only (the five, the legacy three, authorized)');
  const canvas = taro('canvas only (createCanvasContext, the three canvas reads, canvasType)');
  const verdict = (ok) => (ok ? 'met' : 'NOT met');
  const againstFloor = (r, floor) => {
    const ratio = r.gzip / floor.bytes;
    return `${r.gzip} B = ${ratio.toFixed(2)}× its floor ${floor.bytes} B (${floor.source}): ${verdict(ratio <= FLOOR_RATIO_TARGET)}`;
  };
  const addedBytes = (family, to) => taro(`${to} + ${family}`).gzip - (to == 'voice' ? voice : taro(to)).gzip;
  const addedToRecordAndVoice = (family) => {
    const bytes = addedBytes(family, 'record + voice');
    return `added to record + voice: ${bytes} B, target ≤ ${ADDED_TARGET_GZIP} B: ${verdict(bytes <= ADDED_TARGET_GZIP)}`;
  };
  console.log(
    `\nTaro entry, targets: each family alone ≤ ${FLOOR_RATIO_TARGET}× its floor, what it adds to record + voice ≤ ${ADDED_TARGET_GZIP} B gzipped. ` +
      `Record only: ${againstFloor(record, FLOOR_GZIP.record)}; voice only: ${againstFloor(voice, FLOOR_GZIP.voice)}; both: ${both.gzip} B; ` +
      `background audio only: ${againstFloor(background, FLOOR_GZIP.backgroundAudio)} ` +
      `(added to voice: ${addedBytes('background audio', 'voice')} B; ${addedToRecordAndVoice('background audio')}); ` +
      `createAudioContext only: ${againstFloor(audioContext, FLOOR_GZIP.audioContext)} (${addedToRecordAndVoice('createAudioContext')}); ` +
      `system info only: ${againstFloor(systemInfo, FLOOR_GZIP.systemInfo)} (${addedToRecordAndVoice('system info')}); ` +
      `canvas only: ${canvas.gzip} B, target ≤ ${CANVAS_TARGET_GZIP} B: ${verdict(canvas.gzip <= CANVAS_TARGET_GZIP)}; ` +
      `base64 only: ${againstFloor(taro('base64 only (arrayBufferToBase64 + base64ToArrayBuffer)'), FLOOR_GZIP.base64)} (${addedToRecordAndVoice('base64')}); ` +
      `whole entry with configureRecordCompat: ${whole.gzip} B`,
  );
}
