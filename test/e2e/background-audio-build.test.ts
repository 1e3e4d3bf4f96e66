/*
 * The build plugin's door for background audio, end to end: a copy of examples/taro-app (Taro 4,
 * React) with the music page of helpers/music-page.ts beside the app's own
 * `Taro.getBackgroundAudioManager()`, built with the plugin by webpack5 and by vite, scanned in
 * dist/ and driven in the mini-program host on a `wx` without the legacy functions. The same app
 * built without the plugin is the control. The copy and its builds are system-info-build.test.ts's too
 * (helpers/system-audio-app.ts): its system-info page and UI library are there beside these pages.
 * Beside it, in every build, a chime page plays a hidden `<Audio>` through the deprecated
 * `Taro.createAudioContext`: the build plugin's door for createAudioContext, driven the same way.
 *
 * Size: the same app without the music page is built too (webpack5, with the plugin); the chunk
 * that carries the runtime, gzipped, with the page minus without it is what the background-audio
 * runtime costs an app. The log prints it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from './host/clock';
import { FakeWx } from './host/fake-wx';
import { MiniProgramHost } from './host/mini-host';
import {
  BACKGROUND_AUDIO_RUNTIME_MARKER,
  RUNTIME_MARKER,
  TMP,
  buildExample,
  expectedSummary,
  summaryLines,
} from './helpers/example';
import { UI_KIT_DIR } from './helpers/dependency';
import {
  CHIME,
  CHIME_ROUTE,
  MUSIC_FILES,
  MUSIC_ROUTE,
  openMusicPage,
  playThroughMusicPage,
} from './helpers/music-page';
import { scanDist } from './helpers/scan-dist';
import {
  APP,
  VARIANTS,
  assembleSystemAudioApp,
  systemAudioBuilds,
  type Built,
  type Variant,
} from './helpers/system-audio-app';

/** The same app without the music page, for the size baseline. */
const BASELINE_APP = path.join(TMP, `background-audio-baseline-${process.pid}`);
let builds: Record<Variant, Built> | undefined;
/** The app built with the plugin (webpack5) before the music page was added. */
let withoutMusic: Built | undefined;

function built(name: Variant): Built {
  if (!builds) throw new Error(`build ${name} did not run`);
  return builds[name];
}

beforeAll(async () => {
  builds = await systemAudioBuilds('background audio');
  // The chime page (createAudioContext on a hidden <Audio>) is there in every build, the size's baseline included.
  assembleSystemAudioApp(BASELINE_APP, { music: false });
  const before = await buildExample({ ...VARIANTS.webpack5, appDir: BASELINE_APP, out: 'dist/e2e/music-none' });
  console.log(
    `[e2e] background audio: taro build weapp (webpack5, the app without the music page): ${(before.ms / 1000).toFixed(1)} s, exit ${before.code}`,
  );
  if (before.code !== 0) throw new Error(`taro build failed:\n${before.output.slice(-6000)}`);
  withoutMusic = { ...before, scan: scanDist(before.dist, RUNTIME_MARKER) };
}, 1_200_000);
afterAll(() => {
  fs.rmSync(BASELINE_APP, { recursive: true, force: true });
});

/** The chime page on a wx without createAudioContext: the session, and the page. */
async function openChimePage(dist: string) {
  const clock = new FakeClock();
  const wx = new FakeWx({ clock, permission: true, legacyApi: false });
  wx.audio.files.set(CHIME, 10_000);
  const host = new MiniProgramHost({ distDir: dist, wx, clock });
  await host.launch();
  return { wx, host, page: await host.open(CHIME_ROUTE) };
}

for (const name of ['webpack5', 'vite'] as const) {
  describe(`a Taro 4 app built with the plugin (${name}), on a wx without the legacy functions`, () => {
    it('the summary counts the background-audio calls and the routed manager; dist/ has no legacy call left', () => {
      // The example's own record and voice calls, the chime page's createAudioContext, the music page's six legacy
      // calls and the app's own manager, the poster page's canvas, and system-info-build.test.ts's page and UI library,
      // in 10 files.
      expect(summaryLines(built(name).output)).toEqual([expectedSummary(path.join(APP, 'src'), 10, [UI_KIT_DIR])]);
      expect(built(name).output).toMatch(/6 background-audio calls, .*1 app's own getBackgroundAudioManager use/);
      expect(built(name).scan.legacy).toEqual([]);
      expect(built(name).scan.runtimeFiles).toHaveLength(1);
    });

    it('plays, polls, pauses, resumes, seeks, goes on to the next track at the end, stops; the app keeps its own onEnded', async () => {
      await playThroughMusicPage(await openMusicPage(built(name).dist));
    });
  });
}

for (const name of ['webpack5', 'vite'] as const) {
  describe(`createAudioContext through the build plugin (${name}): a hidden <Audio> on a wx without createAudioContext`, () => {
    it("is rewritten with the element's src, and plays, pauses and seeks in seconds on one InnerAudioContext", async () => {
      expect(built(name).scan.legacy.filter((s) => s.api === 'createAudioContext')).toEqual([]);
      const { wx, host, page } = await openChimePage(built(name).dist);
      expect(host.wxApi.createAudioContext).toBeUndefined();
      expect(wx.audio.created).toHaveLength(0);
      page.tap('ring');
      await host.wait(2_000);
      const [player] = wx.audio.created;
      expect(player.src).toBe(CHIME);
      expect(player.state).toBe('playing');
      page.tap('hush');
      await host.wait(1_000);
      expect(player.state).toBe('paused');
      page.tap('skip');
      await host.settle();
      expect(player.currentTime).toBe(4);
      page.tap('ring');
      await host.wait(1_000);
      expect(player.state).toBe('playing');
      expect(player.currentTime).toBeGreaterThan(4.9);
      expect(wx.audio.created).toHaveLength(1);
      expect(host.errors).toEqual([]);
    });
  });
}

/** The chunk that carries the runtime: its bytes, and gzipped (level 9). */
function runtimeChunk(b: Built): { file: string; bytes: number; gzip: number } {
  expect(b.scan.runtimeFiles).toHaveLength(1);
  const text = fs.readFileSync(b.scan.runtimeFiles[0]);
  return {
    file: path.relative(b.dist, b.scan.runtimeFiles[0]),
    bytes: text.length,
    gzip: gzipSync(text, { level: 9 }).length,
  };
}

describe("size: what the background-audio runtime adds to the example's dist (webpack5)", () => {
  it('none of it in the app without background-audio calls; the runtime chunk grows by the module when a page uses it', () => {
    const before = withoutMusic!;
    const after = built('webpack5');
    const has = (b: Built) =>
      b.scan.files.filter((f) => fs.readFileSync(f, 'utf8').includes(BACKGROUND_AUDIO_RUNTIME_MARKER));
    expect(has(before)).toEqual([]);
    expect(has(after)).toEqual(after.scan.runtimeFiles);
    const [a, b] = [runtimeChunk(before), runtimeChunk(after)];
    expect(b.file).toBe(a.file);
    console.log(
      `[e2e] background-audio runtime in the example's dist (${b.file}, webpack5 weapp): +${b.bytes - a.bytes} bytes, +${b.gzip - a.gzip} bytes gzipped ` +
        `(${a.bytes} → ${b.bytes} bytes, ${a.gzip} → ${b.gzip} gzipped)`,
    );
    expect(b.gzip).toBeGreaterThan(a.gzip);
  });
});

describe('the control: built without the plugin', () => {
  it('its dist still calls the legacy functions, and the page fails on the same wx', async () => {
    const legacyApis = new Set(
      built('noPlugin')
        .scan.legacy.filter((s) => s.file.startsWith('pages/music/'))
        .map((s) => s.api),
    );
    expect(legacyApis).toContain('playBackgroundAudio');
    expect(legacyApis).toContain('onBackgroundAudioStop');
    const clock = new FakeClock();
    const wx = new FakeWx({ clock, permission: true, legacyApi: false, backgroundFiles: MUSIC_FILES });
    const host = new MiniProgramHost({ distDir: built('noPlugin').dist, wx, clock });
    await host.launch();
    await host.open(MUSIC_ROUTE);
    expect(String(host.errors.flat().join(' '))).toMatch(/onBackgroundAudioStop is not a function/);
  });

  it('its chime page still calls the deprecated createAudioContext: where WeChat still has it, the call reaches it', async () => {
    expect(
      built('noPlugin').scan.legacy.some((s) => s.file.startsWith('pages/chime/') && s.api === 'createAudioContext'),
    ).toBe(true);
    const clock = new FakeClock();
    const wx = new FakeWx({ clock, permission: true, legacyApi: true });
    const host = new MiniProgramHost({ distDir: built('noPlugin').dist, wx, clock });
    await host.launch();
    const page = await host.open(CHIME_ROUTE);
    page.tap('ring');
    await host.wait(1_000);
    expect(wx.count('createAudioContext')).toBe(1);
    expect(wx.audio.created).toHaveLength(0);
  });
});
