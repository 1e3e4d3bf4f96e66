/**
 * End to end, the whole voice flow on the built output: record, stop, play to the end (success
 * fires at the end, not at the start), pause and resume from the same point, stop and restart,
 * on a `wx` that has none of the deprecated APIs (FakeWx `legacyApi: false`, as on Douyin or a
 * WeChat that drops them), for three outputs:
 *   1. examples/taro-app built with the plugin by webpack5,
 *   2. the same built by vite,
 *   3. examples/legacy/miniprogram migrated by the built CLI (`--runtime local`: a native
 *      mini-program without npm gets the standalone copy), run as it is (no build step).
 * Each flow also runs on a `wx` that still has the deprecated APIs (they only log and fail
 * there): a call that reached one would be counted. The controls: the app built without the
 * plugin, and the native example before migration, fail the same flow.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLACED_LEGACY_APIS, familyOf } from '../../src/rewrite/rules/legacy-apis';
import { FakeClock } from './host/clock';
import { FakeWx } from './host/fake-wx';
import { MiniProgramHost, type PageInstance } from './host/mini-host';
import { scanDist, type DistScan } from './helpers/scan-dist';
import {
  ROOT,
  RUNTIME_MARKER,
  TMP,
  VOICE_RUNTIME_MARKER,
  cleanEnv,
  ensureExample,
  type RunResult,
} from './helpers/example';
import { WEAPP_WITHOUT_PLUGIN, sharedBuilds } from './helpers/shared-build';
import { runProcess, type Finished } from '../helpers/process';

type Build = RunResult & { dist: string };

// Own output folders: other e2e files build the example at the same time (those that build it alike share a build).
const VARIANTS = {
  webpack5: { platform: 'weapp', compiler: 'webpack5', out: 'dist/e2e/voice-weapp-webpack5' },
  vite: { platform: 'weapp', compiler: 'vite', out: 'dist/e2e/voice-weapp-vite', minified: false },
  noPlugin: { ...WEAPP_WITHOUT_PLUGIN, out: 'dist/e2e/voice-weapp-webpack5-no-plugin' },
} as const;
type Variant = keyof typeof VARIANTS;

const builds: Partial<Record<Variant, Build>> = {};
const scans: Partial<Record<Variant, DistScan>> = {};

function built(name: Variant): Build {
  const b = builds[name];
  if (!b) throw new Error(`build ${name} did not run`);
  return b;
}

/** The deprecated record and voice APIs the rewrite replaces (the legacy API table's rewritten rows). */
const REWRITTEN = REPLACED_LEGACY_APIS;
/** What the wx without the deprecated APIs lacks: not getSystemInfo*, which it keeps for Taro's own reads (their flow: system-info-build.test.ts). */
const REMOVED = REWRITTEN.filter((api) => familyOf(api) !== 'system-info');

/**
 * Occurrences of a string literal in the runtime as shipped for bundlers (the runtime package's dist/esm), one copy of
 * each module: a module's Taro entry's form (`<name>.taro.js`) is another copy of it.
 */
function literalCountInRuntime(literal: string): number {
  const dir = path.join(ROOT, 'packages/runtime/dist/esm');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.js') && !f.endsWith('.taro.js'))
    .reduce((n, f) => n + fs.readFileSync(path.join(dir, f), 'utf8').split(JSON.stringify(literal)).length - 1, 0);
}

// The native example, copied into a git repository of its own and migrated by the built CLI.
const NATIVE = path.join(TMP, `voice-flow-native-${process.pid}`);
const NATIVE_BEFORE = path.join(TMP, `voice-flow-native-before-${process.pid}`);
let cli: Finished;

beforeAll(() => ensureExample(), 1_200_000);

beforeAll(async () => {
  // taro-app.test.ts makes the same three builds: one of the two files makes each (shared-build.ts).
  const made = await sharedBuilds(VARIANTS);
  for (const [name, variant] of Object.entries(VARIANTS) as [Variant, (typeof VARIANTS)[Variant]][]) {
    const b = made[name];
    builds[name] = b;
    console.log(
      `[e2e] voice flow: taro build weapp (${variant.compiler}${'plugin' in variant ? ', no plugin' : ''}): ${(b.ms / 1000).toFixed(1)} s, exit ${b.code}${b.builtFor ? ` (built for ${b.builtFor})` : ''}`,
    );
    if (b.code !== 0) throw new Error(`taro build for ${name} failed:\n${b.output.slice(-6000)}`);
    scans[name] = scanDist(b.dist, RUNTIME_MARKER);
  }
}, 1_800_000);

beforeAll(async () => {
  const example = path.join(ROOT, 'examples/legacy/miniprogram');
  for (const dir of [NATIVE, NATIVE_BEFORE]) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.cpSync(example, dir, { recursive: true });
  }
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=e2e', '-c', 'user.email=e2e@example.com', ...args], {
      cwd: NATIVE,
      stdio: 'pipe',
    });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'legacy');
  cli = await runProcess(process.execPath, [path.join(ROOT, 'dist/src/cli/bin.js'), '--runtime', 'local', '--json'], {
    cwd: NATIVE,
    env: cleanEnv(),
    timeout: 120_000,
  });
}, 180_000);

afterAll(() => {
  for (const dir of [NATIVE, NATIVE_BEFORE]) fs.rmSync(dir, { recursive: true, force: true });
});

interface Session {
  clock: FakeClock;
  wx: FakeWx;
  host: MiniProgramHost;
}

async function launch(distDir: string, legacyApi: boolean): Promise<Session> {
  const clock = new FakeClock();
  const wx = new FakeWx({ clock, permission: true, legacyApi });
  const host = new MiniProgramHost({ distDir, wx, clock });
  await host.launch();
  return { clock, wx, host };
}

/** Nothing reached a deprecated API of `wx`, nothing threw, nothing is left running. */
async function expectCleanRun(s: Session) {
  for (const api of REWRITTEN) expect(s.wx.count(api), `wx.${api} calls`).toBe(0);
  expect(s.host.errors).toEqual([]);
  expect(s.wx.audio.maxLive).toBe(1);
  await s.host.wait(120_000);
  expect(s.clock.pending()).toBe(0);
}

/** How long the recording at `file` lasts (the fake wx made it), in ms. */
function lengthOf(s: Session, file: string): number {
  const ms = s.wx.audio.files.get(file);
  if (ms === undefined) throw new Error(`no recording at ${file}`);
  return ms;
}

/**
 * A page's voice buttons, as the flow uses them: `record` taps through a recording of about
 * 6 s and returns its path; `playing` is what the page shows (its legacy "finished" signal).
 */
interface VoicePage {
  record(): Promise<string>;
  play(): void;
  pause(): void;
  stop(): void;
  playing(): boolean;
  error(): string;
}

async function walkTheVoiceFlow(s: Session, page: VoicePage) {
  const file = await page.record();
  expect(file).toMatch(/^wxfile:\/\/tmp\/rec_\d+\.aac$/);
  const ms = lengthOf(s, file);
  expect(ms).toBeGreaterThan(5_000);

  // Play to the end: the page hears "finished" when the voice has played, not when it starts.
  page.play();
  await s.host.wait(1_000);
  expect(page.playing()).toBe(true);
  expect(s.wx.audio.live).toHaveLength(1);
  const first = s.wx.audio.created.length - 1;
  await s.host.wait(ms - 1_000 - 200);
  expect(page.playing()).toBe(true);
  await s.host.wait(400);
  expect(page.playing()).toBe(false);
  expect(page.error()).toBe('');
  expect(s.wx.audio.live).toHaveLength(0);

  // Pause, then play of the same file resumes where it paused (on the same player).
  page.play();
  await s.host.wait(50 + 2_000);
  page.pause();
  await s.host.wait(10);
  const player = s.wx.audio.created[first + 1];
  expect(player.state).toBe('paused');
  expect(player.currentTime).toBe(2);
  expect(page.playing()).toBe(false);
  await s.host.wait(10_000);
  expect(player.currentTime).toBe(2);
  page.play();
  await s.host.wait(100);
  expect(page.playing()).toBe(true);
  expect(player.currentTime).toBeGreaterThan(2);
  expect(player.currentTime).toBeLessThan(2.2);
  // What was left of it, not the whole recording.
  await s.host.wait(ms - 2_000 - 100 - 200);
  expect(page.playing()).toBe(true);
  await s.host.wait(400);
  expect(page.playing()).toBe(false);

  // Stop, then play starts from the beginning.
  page.play();
  await s.host.wait(50 + 1_000);
  page.stop();
  await s.host.wait(10);
  expect(page.playing()).toBe(false);
  expect(s.wx.audio.live).toHaveLength(0);
  page.play();
  await s.host.wait(ms - 200);
  expect(page.playing()).toBe(true);
  await s.host.wait(400);
  expect(page.playing()).toBe(false);
  expect(page.error()).toBe('');

  // A fresh start loads the file from its beginning; the resume did not.
  expect(s.wx.audio.created.slice(first).map((c) => c.plays)).toEqual([
    ['load'],
    ['load', 'resume'],
    ['load'],
    ['load'],
  ]);
  expect(s.wx.audio.created.slice(first).every((c) => c.src === file)).toBe(true);
}

/** The example's index page: Taro.startRecord / Taro.playVoice with callbacks, its buttons by id. */
function taroIndexPage(s: Session, page: PageInstance): VoicePage {
  return {
    async record() {
      page.tap('record');
      await s.host.wait(300 + 6_000);
      page.tap('stop');
      await s.host.wait(500);
      expect(page.textOf('status')).toBe('done');
      return page.textOf('file');
    },
    play: () => page.tap('play'),
    pause: () => page.tap('pause'),
    stop: () => page.tap('stopVoice'),
    playing: () => page.textOf('playing') === 'playing',
    error: () => page.textOf('error'),
  };
}

/** The native example's page (pages/voice/voice.wxml): the latest note's buttons. */
function nativeVoicePage(s: Session, page: PageInstance): VoicePage {
  return {
    async record() {
      page.tap('record');
      await s.host.wait(300 + 6_000);
      expect(page.data.recording).toBe(true);
      page.tap('record');
      await s.host.wait(500);
      expect(page.data.recording).toBe(false);
      expect(page.data.notes).toHaveLength(1);
      return page.textOf('latest');
    },
    play: () => page.tap('play'),
    pause: () => page.tap('pause'),
    stop: () => page.tap('stopPlaying'),
    playing: () => page.textOf('playing') !== '',
    error: () => '',
  };
}

for (const name of ['webpack5', 'vite'] as const) {
  describe(`examples/taro-app built by ${VARIANTS[name].compiler} with the plugin`, () => {
    it('dist/ has no legacy record or voice call left, and the runtime and its voice module once', () => {
      const scan = scans[name]!;
      expect(scan.legacy).toEqual([]);
      expect(scan.runtimeFiles).toHaveLength(1);
      expect(scan.runtimeMarkerCount).toBe(literalCountInRuntime(RUNTIME_MARKER));
      expect(literalCountInRuntime(VOICE_RUNTIME_MARKER)).toBe(1);
      expect(scan.voiceFiles).toEqual(scan.runtimeFiles);
      expect(scan.voiceMarkerCount).toBe(1);
    });

    for (const legacyApi of [false, true]) {
      const where = legacyApi
        ? 'a wx that still has the deprecated APIs (never called)'
        : 'a wx without the deprecated APIs';
      it(`index page: record, stop, play to the end, pause and resume, stop and restart, on ${where}`, async () => {
        const s = await launch(built(name).dist, legacyApi);
        for (const api of REMOVED) expect(typeof s.host.wxApi[api]).toBe(legacyApi ? 'function' : 'undefined');
        const page = await s.host.open('pages/index/index');
        await walkTheVoiceFlow(s, taroIndexPage(s, page));
        await s.host.back();
        await expectCleanRun(s);
      });
    }

    it('memo page: `await Taro.playVoice(...)` returns when the memo has played to its end', async () => {
      const s = await launch(built(name).dist, false);
      const page = await s.host.open('pages/memo/index');
      page.tap('memo');
      await s.host.wait(6_000);
      const file = page.textOf('file');
      const ms = lengthOf(s, file);
      page.tap('listen');
      await s.host.wait(ms - 200);
      expect(page.textOf('listened')).toBe('');
      expect(s.wx.audio.live).toHaveLength(1);
      await s.host.wait(400);
      expect(page.textOf('listened')).toBe('listened');
      expect(page.textOf('error')).toBe('');
      await expectCleanRun(s);
    });

    it('classic page: wx.playVoice `complete` fires at the end; wx.stopVoice ends it early', async () => {
      const s = await launch(built(name).dist, false);
      const page = await s.host.open('pages/classic/index');
      page.tap('start');
      await s.host.wait(3_000);
      page.tap('stop');
      await s.host.wait(500);
      const ms = lengthOf(s, page.textOf('path'));
      page.tap('play');
      await s.host.wait(ms - 200);
      expect(page.textOf('playing')).toBe('playing');
      await s.host.wait(400);
      expect(page.textOf('playing')).toBe('');
      page.tap('play');
      await s.host.wait(1_000);
      expect(page.textOf('playing')).toBe('playing');
      page.tap('stopVoice');
      await s.host.wait(10);
      expect(page.textOf('playing')).toBe('');
      expect(s.wx.audio.live).toHaveLength(0);
      await s.host.back();
      await expectCleanRun(s);
    });
  });
}

describe('control: the same app built without the plugin', () => {
  it('still calls the deprecated APIs (the scan finds them in dist/)', () => {
    const apis = new Set(scans.noPlugin!.legacy.map((site) => site.api));
    for (const api of ['startRecord', 'stopRecord', 'playVoice', 'pauseVoice', 'stopVoice'])
      expect(apis).toContain(api);
    expect(scans.noPlugin!.voiceMarkerCount).toBe(0);
  });

  it('fails the voice flow on a wx without the deprecated APIs', async () => {
    const s = await launch(built('noPlugin').dist, false);
    const page = await s.host.open('pages/index/index');
    const voicePage = taroIndexPage(s, page);
    // Taro's API object has no startRecord where wx has none: the tap throws, nothing records.
    await expect(voicePage.record()).rejects.toThrow(/startRecord is not a function/);
    expect(page.textOf('file')).toBe('');
    expect(s.wx.recorder.startCalls).toBe(0);
    // The same for playback: no playVoice, and no player was ever made.
    expect(() => voicePage.play()).toThrow(/playVoice is not a function/);
    await s.host.wait(120_000);
    expect(s.wx.count('createInnerAudioContext')).toBe(0);
  });
});

describe('examples/legacy/miniprogram migrated by the CLI (--runtime local), run as it is', () => {
  it('the CLI rewrote the record, voice, createAudioContext and system-info calls and wrote the standalone runtime beside them', () => {
    expect(cli.status, cli.stderr).toBe(0);
    // Every call the pages make, by kind, as the source writes them (`wx.playVoice(` …): the voice page's, the beep
    // page's createAudioContext, and utils/device.js's getSystemInfoSync.
    const source = ['pages/voice/voice.js', 'pages/beep/beep.js', 'utils/device.js']
      .map((page) => fs.readFileSync(path.join(NATIVE_BEFORE, page), 'utf8'))
      .join('\n');
    const callsOf = (apis: string[]) => apis.reduce((n, api) => n + source.split(`wx.${api}(`).length - 1, 0);
    const report = JSON.parse(cli.stdout);
    expect(report.summary.callsByKind).toEqual({
      record: callsOf(['startRecord', 'stopRecord']),
      voice: callsOf(['playVoice', 'pauseVoice', 'stopVoice']),
      audio: callsOf(['createAudioContext']),
      backgroundAudio: 0,
      systemInfo: callsOf(['getSystemInfoSync']),
      base64: 0,
      rename: 0,
      lifetimes: 0,
      canvas: 0,
    });
    expect(report.summary.callsByKind.voice).toBe(4);
    expect(report.summary.callsByKind.systemInfo).toBe(2);
    expect(report.summary.manualReview).toBe(0);
    const page = fs.readFileSync(path.join(NATIVE, 'pages/voice/voice.js'), 'utf8');
    expect(page).toContain("require('../../utils/record-compat')");
    expect(fs.existsSync(path.join(NATIVE, 'utils/record-compat.js'))).toBe(true);
    const scan = scanDist(NATIVE, RUNTIME_MARKER);
    expect(scan.legacy).toEqual([]);
    expect(scan.runtimeFiles.map((f) => path.relative(NATIVE, f))).toEqual(['utils/record-compat.js']);
    expect(scan.voiceFiles).toEqual(scan.runtimeFiles);
    expect(scan.voiceMarkerCount).toBe(1);
    // Nothing else changed: the page's other code and the app's files are as written; the copy's types sit beside it.
    const changed = execFileSync('git', ['status', '--porcelain', '--untracked-files=all'], {
      cwd: NATIVE,
      encoding: 'utf8',
    })
      .trimEnd()
      .split('\n')
      .sort();
    expect(changed).toEqual([
      ' M pages/beep/beep.js',
      ' M pages/voice/voice.js',
      ' M utils/device.js',
      '?? utils/record-compat.d.ts',
      '?? utils/record-compat.js',
    ]);
  });

  for (const legacyApi of [false, true]) {
    const where = legacyApi
      ? 'a wx that still has the deprecated APIs (never called)'
      : 'a wx without the deprecated APIs';
    it(`voice page: record, stop, play to the end, pause and resume, stop and restart, on ${where}`, async () => {
      const s = await launch(NATIVE, legacyApi);
      const page = await s.host.open('pages/voice/voice');
      await walkTheVoiceFlow(s, nativeVoicePage(s, page));
      // Leaving mid-playback: the page's onUnload stops the voice (and the idle recorder).
      page.tap('play');
      await s.host.wait(1_000);
      await s.host.back();
      expect(s.wx.audio.live).toHaveLength(0);
      await expectCleanRun(s);
    });
  }

  it('control: the example before migration fails the flow on a wx without the deprecated APIs', async () => {
    const s = await launch(NATIVE_BEFORE, false);
    const page = await s.host.open('pages/voice/voice');
    await expect(walkTheVoiceFlow(s, nativeVoicePage(s, page))).rejects.toThrow(/startRecord is not a function/);
    expect(s.wx.recorder.startCalls).toBe(0);
  });
});
