/**
 * End to end, Vue 3: the example app whose single-file components call the
 * legacy API (<script setup lang="ts">, <script lang="ts"> with a namespace
 * import, plain <script> talking to `wx`), built by the real @tarojs/cli with
 * webpack5 (vue-loader hands each block to babel-loader) and with vite (the
 * plugin rewrites the component before @vitejs/plugin-vue splits it).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  VUE_EXAMPLE,
  countCallsInSource,
  countLegacyCallsInSource,
  expectedSummary,
  lockDrift,
  summaryLines,
} from './helpers/example';
import { MUSIC_PAGE_LEGACY_CALLS, openMusicPage, playThroughMusicPage } from './helpers/music-page';
import { expectNoLegacyCalls, launchHost, taroScenario } from './helpers/scenario';
import { WEAPP_WITHOUT_PLUGIN } from './helpers/shared-build';

const app = taroScenario({
  label: 'vue3',
  appDir: VUE_EXAMPLE,
  // Without Taro's minifiers but the webpack5 build, which is minified as the app ships (as taro-app.test.ts's).
  variants: {
    baseline: { ...WEAPP_WITHOUT_PLUGIN, out: 'dist/e2e/weapp-webpack5-no-plugin' },
    webpack5: { platform: 'weapp', compiler: 'webpack5', out: 'dist/e2e/weapp-webpack5' },
    vite: { platform: 'weapp', compiler: 'vite', out: 'dist/e2e/weapp-vite', minified: false },
  },
});

const legacyInSource = countLegacyCallsInSource(path.join(VUE_EXAMPLE, 'src'));
const components = fs.readdirSync(path.join(VUE_EXAMPLE, 'src/pages')).length;

it("the Vue example's committed lock matches this package's dependencies (else run `npm install` in examples/taro-vue-app)", () => {
  expect(lockDrift(VUE_EXAMPLE)).toEqual([]);
});

it('the Vue example really is legacy code: a build without the plugin ships its calls', () => {
  expect(countCallsInSource(path.join(VUE_EXAMPLE, 'src'))).toEqual({
    record: 7,
    voice: 5,
    backgroundAudio: MUSIC_PAGE_LEGACY_CALLS,
    audio: 0,
    recorderManager: 0,
    backgroundAudioManager: 1,
    systemInfo: 0,
    base64: 0,
    rename: 0,
    lifetimes: 0,
    analytics: 0,
    shareInfo: 0,
    map: 0,
    noReplacement: 0,
    chooseMedia: 0,
    canvas: 0,
    canvasPixels: 0,
  });
  const scan = app.scan('baseline');
  expect(scan.legacy.length).toBeGreaterThanOrEqual(legacyInSource);
  expect(new Set(scan.legacy.map((s) => s.file.split('/').slice(0, 2).join('/')))).toEqual(
    new Set(['pages/index', 'pages/memo', 'pages/classic', 'pages/music']),
  );
  expect(scan.runtimeMarkerCount).toBe(0);
  expect(summaryLines(app.built('baseline').output)).toEqual([]);
});

for (const name of ['webpack5', 'vite'] as const) {
  describe(`Vue 3 single-file components, weapp with ${name}`, () => {
    it('counts every call of every component once in the summary', () => {
      expect(summaryLines(app.built(name).output)).toEqual([
        expectedSummary(path.join(VUE_EXAMPLE, 'src'), components),
      ]);
    });

    it('leaves no legacy record call outside the runtime', () => {
      expect(app.scan(name).legacy).toEqual([]);
    });

    it('bundles the runtime once, with the configured options', () => {
      const scan = app.scan(name);
      expect(scan.runtimeFiles).toHaveLength(1);
      const js = scan.files.map((f) => fs.readFileSync(f, 'utf8')).join('\n');
      expect(js).not.toContain('TARO_RECORD_COMPAT_OPTIONS');
      expect(js).toMatch(/format:\s*"mp3"|"format":\s*"mp3"/);
    });

    it('still renders the templates: each page keeps its buttons', () => {
      const dist = app.built(name).dist;
      // Taro's mini-program output keeps each component's template in the base template; the page
      // scripts carry the compiled render functions with the button ids.
      for (const [page, id] of [
        ['index', 'record'],
        ['memo', 'memo'],
        ['classic', 'start'],
        ['music', 'seek'],
      ]) {
        const script = fs.readFileSync(path.join(dist, 'pages', page, 'index.js'), 'utf8');
        expect(script).toMatch(new RegExp(`id:\\s*"${id}"`));
      }
    });
  });
}

describe('the Vue pages in a mini-program host', () => {
  for (const name of ['webpack5', 'vite'] as const) {
    it(`${name}: <script setup> authorize-then-record delivers the file after 60 s; the memo's awaited promise resolves; wx callbacks fire`, async () => {
      const s = await launchHost(app.built(name).dist);
      const { wx, host } = s;

      const index = await host.open('pages/index/index');
      expect(index.textOf('status')).toBe('idle');
      index.tap('record');
      await host.wait(1_300);
      expect(wx.count('authorize')).toBe(1);
      expect(wx.recorder.startCalls).toBe(1);
      expect(wx.recorder.recordings[0].options).toMatchObject({ duration: 60000, format: 'mp3' });
      expect(index.textOf('status')).toBe('recording');
      await host.wait(61_000);
      expect(wx.recorder.files).toHaveLength(1);
      expect(index.textOf('file')).toBe(wx.recorder.files[0]);
      expect(index.textOf('status')).toBe('done');

      const memo = await host.open('pages/memo/index');
      memo.tap('memo');
      await host.wait(6_000); // stopped by its own 5 s timer
      expect(wx.recorder.files).toHaveLength(2);
      expect(memo.textOf('memo-file')).toBe(wx.recorder.files[1]);

      const classic = await host.open('pages/classic/index');
      classic.tap('start');
      await host.wait(2_000);
      expect(classic.textOf('state')).toBe('recording');
      classic.tap('stop');
      await host.wait(500);
      expect(classic.textOf('path')).toBe(wx.recorder.files[2]);
      expect(classic.textOf('state')).toBe('idle');

      expectNoLegacyCalls(s);
    });

    it(`${name}: the <script setup> music page plays, pauses, resumes, seeks, goes on at the end and stops on a wx without the legacy functions`, async () => {
      await playThroughMusicPage(await openMusicPage(app.built(name).dist));
    });
  }
});
