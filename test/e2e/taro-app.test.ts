/**
 * End to end: the example Taro 4 app (written against the legacy API) built by
 * the real @tarojs/cli with the plugin — weapp and h5 on webpack5, weapp on
 * vite — then checked statically (dist/) and driven in a mini-program host.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { FakeWxOptions, RecordPermission } from './host/fake-wx';
import {
  EXAMPLE,
  ROOT,
  RUNTIME_MARKER,
  countCallsInSource,
  countLegacyCallsInSource,
  expectedSummary,
  lockDrift,
  summaryLines,
} from './helpers/example';
import { expectNoLegacyCalls, launchHost, taroScenario, type Session } from './helpers/scenario';
import { WEAPP_WITHOUT_PLUGIN } from './helpers/shared-build';
import { POSTER_CANVAS_2D, POSTER_CONTEXT_CALL, POSTER_ROUTE, expectPoster } from './helpers/poster-page';
import { FakeCanvasPlatform } from '../runtime/fakes/canvas';

/**
 * The weapp build on webpack5 is minified, as the app ships; the others are built without Taro's minifiers (a third of a
 * build's CPU), which change neither which calls go out nor how the pages run. voice-flow.test.ts and
 * test/h5/taro-app-h5.test.ts ask for some of the same builds, alike, so that each is made once a run.
 */
const VARIANTS = {
  baseline: { ...WEAPP_WITHOUT_PLUGIN, out: 'dist/e2e/weapp-webpack5-no-plugin' },
  weapp: { platform: 'weapp', compiler: 'webpack5', out: 'dist/e2e/weapp-webpack5' },
  h5: { platform: 'h5', compiler: 'webpack5', out: 'dist/e2e/h5-webpack5', minified: false },
  weappVite: { platform: 'weapp', compiler: 'vite', out: 'dist/e2e/weapp-vite', minified: false },
  // Douyin: RecorderManager and scope.record, but no legacy startRecord at all.
  tt: { platform: 'tt', compiler: 'webpack5', out: 'dist/e2e/tt-webpack5', minified: false },
  // The same app, configured to ask a user who denied the microphone before.
  weappPrompt: {
    platform: 'weapp',
    compiler: 'webpack5',
    out: 'dist/e2e/weapp-webpack5-denied-prompt',
    minified: false,
    pluginOptions: { deniedPrompt: { title: 'Microphone', content: 'Voice notes need the microphone.' } },
  },
} as const;

// One Taro build per variant, shared by every assertion below.
const app = taroScenario({ label: 'taro', appDir: EXAMPLE, variants: VARIANTS });
const { built } = app;

const legacyInSource = countLegacyCallsInSource();

/** The voice calls, and the dictaphone page's own manager (routed, since the app has legacy record calls). */
const { voice: voiceInSource, recorderManager: ownManagerInSource } = countCallsInSource();
/**
 * The runtime as shipped for bundlers (the runtime package's dist/esm: the Taro entry and the core it imports), one
 * copy of each module: a module's Taro entry's form (`<name>.taro.js`) is another copy of it.
 */
const runtimeEsm = () => {
  const dir = path.join(ROOT, 'packages/runtime/dist/esm');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.js') && !f.endsWith('.taro.js'))
    .map((f) => fs.readFileSync(path.join(dir, f), 'utf8'))
    .join('\n');
};

it("the example's committed lock matches this package's dependencies (else run `npm install` in examples/taro-app)", () => {
  expect(lockDrift()).toEqual([]);
});

describe('the built app (dist/)', () => {
  it('the example really is legacy code: the scan finds its calls in a build without the plugin', () => {
    expect(legacyInSource).toBeGreaterThanOrEqual(7);
    expect(voiceInSource).toBeGreaterThanOrEqual(5);
    expect(ownManagerInSource).toBe(1);
    const scan = app.scan('baseline');
    // Every call the source makes is still there, reaching `wx` or Taro's API object.
    expect(scan.legacy.length).toBeGreaterThanOrEqual(legacyInSource);
    expect(scan.runtimeMarkerCount).toBe(0);
    expect(summaryLines(built('baseline').output)).toEqual([]);
    // the poster page's legacy canvas, as written
    expect(scan.legacy.map((site) => site.api)).toContain('createCanvasContext');
    expect(builtJs('baseline')).not.toMatch(POSTER_CANVAS_2D);
  });

  for (const name of ['weapp', 'h5', 'weappVite', 'tt'] as const) {
    describe(`${VARIANTS[name].platform} with ${VARIANTS[name].compiler}`, () => {
      it('reports in one line how many calls it rewrote in how many files', () => {
        expect(summaryLines(built(name).output)).toEqual([
          // the dictaphone page's own Taro.getRecorderManager() is routed: the app has legacy record calls
          expectedSummary(path.join(EXAMPLE, 'src'), 5),
        ]);
      });

      it('leaves no legacy record call outside the runtime', () => {
        expect(app.scan(name).legacy).toEqual([]);
      });

      it('includes the runtime exactly once', () => {
        const scan = app.scan(name);
        const perCopy = runtimeEsm().split(RUNTIME_MARKER).length - 1;
        expect(perCopy).toBeGreaterThan(0);
        expect(scan.runtimeFiles).toHaveLength(1);
        expect(scan.runtimeMarkerCount).toBe(perCopy);
      });

      if (name !== 'tt')
        it("moves the poster page's canvas to Canvas 2D: its <Canvas> gains a type bound to the runtime's and the id, its context is the runtime's", () => {
          const js = builtJs(name);
          expect(js).toMatch(POSTER_CANVAS_2D);
          expect(js).toMatch(POSTER_CONTEXT_CALL);
          // the scan proves the call's object is the runtime: no createCanvasContext reaches wx or Taro
          expect(app.scan(name).legacy.filter((site) => site.api === 'createCanvasContext')).toEqual([]);
        });

      it('replaced the options constant with the configured options', () => {
        const js = app
          .scan(name)
          .files.map((f) => fs.readFileSync(f, 'utf8'))
          .join('\n');
        expect(js).not.toContain('TARO_RECORD_COMPAT_OPTIONS');
        expect(js).toMatch(/format:\s*"mp3"|"format":\s*"mp3"/);
      });
    });
  }
});

/** A build's scripts, one text. */
function builtJs(name: keyof typeof VARIANTS): string {
  return app
    .scan(name)
    .files.map((f) => fs.readFileSync(f, 'utf8'))
    .join('\n');
}

function launch(
  dist: string,
  permission: RecordPermission,
  userGrants = true,
  more: Pick<FakeWxOptions, 'modalConfirms' | 'settingsGrant' | 'legacyApi' | 'canvas'> & { globalName?: string } = {},
): Promise<Session> {
  const { globalName, ...fake } = more;
  return launchHost(dist, { permission, userGrants, ...fake }, globalName);
}

for (const name of ['weapp', 'weappVite'] as const) {
  describe(`the weapp build (${VARIANTS[name].compiler}) in a mini-program host`, () => {
    const dist = () => built(name).dist;

    it('authorize-then-record: asks once, starts with the configured options, delivers the file after 60 s', async () => {
      const s = await launch(dist(), undefined, true);
      const page = await s.host.open('pages/index/index');
      expect(page.textOf('status')).toBe('idle');

      page.tap('record');
      await s.host.wait(1_000 + 300); // the popup answer (800 ms), then onStart (300 ms)
      expect(s.wx.count('authorize')).toBe(1);
      expect(s.wx.recorder.startCalls).toBe(1);
      expect(s.wx.recorder.recordings[0].options).toMatchObject({
        duration: 60000,
        format: 'mp3',
        sampleRate: 16000,
        numberOfChannels: 1,
        encodeBitRate: 48000,
      });
      expect(s.wx.recorder.state).toBe('recording');
      expect(page.textOf('status')).toBe('recording');
      expect(page.textOf('file')).toBe('');

      await s.host.wait(59_000);
      expect(page.textOf('file')).toBe('');
      await s.host.wait(2_000);
      expect(s.wx.recorder.files).toHaveLength(1);
      expect(page.textOf('file')).toBe(s.wx.recorder.files[0]);
      expect(page.textOf('status')).toBe('done');
      expect(s.wx.count('authorize')).toBe(1);
      expectNoLegacyCalls(s);
    });

    it('a user who denied the microphone before gets the page fail path and nothing records', async () => {
      const s = await launch(dist(), false);
      const page = await s.host.open('pages/index/index');
      page.tap('record');
      await s.host.wait(5_000);
      expect(page.textOf('status')).toBe('denied');
      expect(page.textOf('error')).toContain('auth deny');
      expect(s.wx.recorder.startCalls).toBe(0);
      expectNoLegacyCalls(s);
    });

    it('a user who refuses the popup gets the page fail path', async () => {
      const s = await launch(dist(), undefined, false);
      const page = await s.host.open('pages/index/index');
      page.tap('record');
      await s.host.wait(5_000);
      expect(s.wx.count('authorize')).toBe(1);
      expect(page.textOf('status')).toBe('denied');
      expect(s.wx.recorder.startCalls).toBe(0);
      expectNoLegacyCalls(s);
    });

    it('stopRecord before 60 s delivers the recording early', async () => {
      const s = await launch(dist(), true);
      const page = await s.host.open('pages/index/index');
      page.tap('record');
      await s.host.wait(10_000);
      expect(page.textOf('file')).toBe('');
      page.tap('stop');
      await s.host.wait(500);
      expect(s.wx.recorder.files).toHaveLength(1);
      expect(page.textOf('file')).toBe(s.wx.recorder.files[0]);
      expect(page.textOf('status')).toBe('done');
      expect(s.wx.recorder.state).toBe('idle');
      expectNoLegacyCalls(s);
    });

    it('a stop tapped before the recorder started is not lost (WeChat ignores it, the runtime re-issues it)', async () => {
      const s = await launch(dist(), true);
      const page = await s.host.open('pages/index/index');
      page.tap('record');
      await s.host.wait(100); // getSetting answered, start() issued, onStart not yet arrived
      expect(s.wx.recorder.startCalls).toBe(1);
      page.tap('stop');
      await s.host.wait(1_000);
      expect(page.textOf('file')).toBe(s.wx.recorder.files[0]);
      expect(s.wx.recorder.files).toHaveLength(1);
      expectNoLegacyCalls(s);
    });

    it('memo page: `await Taro.startRecord({})` resolves with the file when the 5 s timer stops it', async () => {
      const s = await launch(dist(), true);
      const page = await s.host.open('pages/memo/index');
      page.tap('memo');
      await s.host.wait(4_000);
      expect(page.textOf('file')).toBe('');
      await s.host.wait(2_000);
      expect(page.textOf('file')).toBe(s.wx.recorder.files[0]);
      expect(page.textOf('error')).toBe('');
      expectNoLegacyCalls(s);
    });

    it('memo page: a denied user makes the awaited call reject with startRecord:fail auth deny', async () => {
      const s = await launch(dist(), false);
      const page = await s.host.open('pages/memo/index');
      page.tap('memo');
      await s.host.wait(6_000);
      expect(page.textOf('error')).toBe('startRecord:fail auth deny');
      expect(page.textOf('file')).toBe('');
      expectNoLegacyCalls(s);
    });

    it('classic page: wx.startRecord callbacks fire, and the defensive stop on unload is harmless', async () => {
      const s = await launch(dist(), true);
      const page = await s.host.open('pages/classic/index');
      page.tap('start');
      await s.host.wait(3_000);
      expect(page.textOf('state')).toBe('recording');
      page.tap('stop');
      await s.host.wait(1_000);
      expect(page.textOf('path')).toBe(s.wx.recorder.files[0]);
      expect(page.textOf('state')).toBe('idle');
      expect(s.host.logs).toContain('stopped stopRecord:ok');
      await s.host.back();
      await s.host.wait(1_000);
      // The unload stop found nothing recording and did not disturb the recorder.
      expect(s.wx.recorder.stopCalls).toBe(1);
      expectNoLegacyCalls(s);
    });

    it('poster page: the legacy canvas code draws its poster on the Canvas 2D node, through the runtime', async () => {
      // WeChat with Canvas 2D (base library 3.8.8, pixel ratio 2), whose bitmaps are real: a legacy context would
      // draw nothing on a type="2d" canvas.
      const canvas = new FakeCanvasPlatform();
      const s = await launch(dist(), true, true, { canvas });
      const page = await s.host.open(POSTER_ROUTE);
      page.tap('draw');
      // the platform answers the query and draws on real timers, the page's state on the host's clock
      for (let i = 0; i < 200 && page.textOf('status') !== 'drawn'; i++) {
        await new Promise((r) => setTimeout(r, 5));
        await s.host.settle();
      }
      expect(page.textOf('status')).toBe('drawn');
      const poster = canvas.find(page, 'poster')!;
      expect(poster).toMatchObject({ type: '2d', canvasId: 'poster', width: 300, height: 200 });
      expectPoster(canvas.shown(poster), 2);
      expect(s.wx.count('createSelectorQuery')).toBe(1);
      expect(s.wx.count('createCanvasContext')).toBe(0);
      expect(canvas.calls).not.toContain('legacy draw');
      expect(s.host.errors).toEqual([]);
    });

    // docs/contract.md, Decision R12: the dictaphone page records with its own Taro.getRecorderManager() and its
    // own listeners; the classic page with the legacy API. The fake wx replaces a listener on each
    // onX, as WeChat does: without the routing, whoever registered last would get every event.
    it('dictaphone first, then a legacy recording: each side gets its own recordings, in that order and back', async () => {
      const s = await launch(dist(), true);
      const dictaphone = await s.host.open('pages/dictaphone/index');
      await s.host.wait(100); // the page's effect registers its listeners
      dictaphone.tap('start');
      await s.host.wait(2_000);
      expect(dictaphone.textOf('status')).toBe('recording');
      dictaphone.tap('stop');
      await s.host.wait(1_000);
      expect(s.wx.recorder.files).toHaveLength(1);
      expect(dictaphone.textOf('file')).toBe(s.wx.recorder.files[0]);
      expect(dictaphone.textOf('status')).toBe('done');

      const classic = await s.host.open('pages/classic/index');
      classic.tap('start');
      await s.host.wait(3_000);
      expect(classic.textOf('state')).toBe('recording');
      // the legacy recording's onStart never reached the dictaphone's listener
      expect(dictaphone.textOf('status')).toBe('done');
      classic.tap('stop');
      await s.host.wait(1_000);
      expect(s.wx.recorder.files).toHaveLength(2);
      expect(classic.textOf('path')).toBe(s.wx.recorder.files[1]);
      expect(classic.textOf('state')).toBe('idle');
      expect(dictaphone.textOf('file')).toBe(s.wx.recorder.files[0]);
      expect(dictaphone.textOf('status')).toBe('done');

      // after the legacy call ran, the dictaphone's own listeners still get its own recordings
      await s.host.back();
      dictaphone.tap('start');
      await s.host.wait(2_000);
      expect(dictaphone.textOf('status')).toBe('recording');
      dictaphone.tap('stop');
      await s.host.wait(1_000);
      expect(s.wx.recorder.files).toHaveLength(3);
      expect(dictaphone.textOf('file')).toBe(s.wx.recorder.files[2]);
      expect(dictaphone.textOf('error')).toBe('');
      expectNoLegacyCalls(s);
    });

    it('a legacy recording first, the dictaphone registering during it: the legacy caller settles, then the dictaphone records', async () => {
      const s = await launch(dist(), true);
      const classic = await s.host.open('pages/classic/index');
      classic.tap('start');
      await s.host.wait(3_000);
      expect(classic.textOf('state')).toBe('recording');

      // the dictaphone page loads (its onStart/onStop/onError replace whatever was there) mid-recording
      const dictaphone = await s.host.open('pages/dictaphone/index');
      await s.host.wait(100);
      classic.tap('stop');
      await s.host.wait(1_000);
      expect(s.wx.recorder.files).toHaveLength(1);
      expect(classic.textOf('path')).toBe(s.wx.recorder.files[0]);
      expect(classic.textOf('state')).toBe('idle');
      expect(s.host.logs).toContain('stopped stopRecord:ok');
      // the legacy recording never reached the dictaphone's listeners
      expect(dictaphone.textOf('status')).toBe('idle');
      expect(dictaphone.textOf('file')).toBe('');

      dictaphone.tap('start');
      await s.host.wait(2_000);
      expect(dictaphone.textOf('status')).toBe('recording');
      dictaphone.tap('stop');
      await s.host.wait(1_000);
      expect(s.wx.recorder.files).toHaveLength(2);
      expect(dictaphone.textOf('file')).toBe(s.wx.recorder.files[1]);
      expect(classic.textOf('path')).toBe(s.wx.recorder.files[0]);
      expectNoLegacyCalls(s);
    });
  });
}

describe('the tt (Douyin) build in a mini-program host with `tt` and no legacy API', () => {
  const tt = { legacyApi: false, globalName: 'tt' };

  it('authorize-then-record works where startRecord never existed', async () => {
    const s = await launch(built('tt').dist, undefined, true, tt);
    const page = await s.host.open('pages/index/index');
    page.tap('record');
    await s.host.wait(1_300);
    expect(s.wx.count('authorize')).toBe(1);
    expect(s.wx.recorder.recordings[0].options).toMatchObject({ duration: 60000, format: 'mp3' });
    await s.host.wait(60_000);
    expect(page.textOf('file')).toBe(s.wx.recorder.files[0]);
    expect(page.textOf('status')).toBe('done');
    expect(s.host.errors).toEqual([]);
  });

  it('the awaited memo resolves when the timer stops it', async () => {
    const s = await launch(built('tt').dist, true, true, tt);
    const page = await s.host.open('pages/memo/index');
    page.tap('memo');
    await s.host.wait(6_000);
    expect(page.textOf('file')).toBe(s.wx.recorder.files[0]);
    expect(page.textOf('error')).toBe('');
  });
});

describe('the deniedPrompt option reaches the runtime through the build', () => {
  const dist = () => built('weappPrompt').dist;

  it('without it, a denied user is not asked (the standard build)', async () => {
    const s = await launch(built('weapp').dist, false, true, { modalConfirms: true, settingsGrant: true });
    const page = await s.host.open('pages/memo/index');
    page.tap('memo');
    await s.host.wait(6_000);
    expect(s.wx.count('showModal')).toBe(0);
    expect(page.textOf('error')).toBe('startRecord:fail auth deny');
  });

  it('with it, the runtime shows the configured prompt, opens the settings, then records', async () => {
    const s = await launch(dist(), false, true, { modalConfirms: true, settingsGrant: true });
    const page = await s.host.open('pages/memo/index');
    page.tap('memo');
    await s.host.wait(3_000); // modal (1 s) + settings page (1.5 s) + onStart
    expect(s.wx.count('showModal')).toBe(1);
    expect(s.wx.calls.find((c) => c.api === 'showModal')!.args).toMatchObject({
      title: 'Microphone',
      content: 'Voice notes need the microphone.',
    });
    expect(s.wx.count('openSetting')).toBe(1);
    expect(s.wx.recorder.startCalls).toBe(1);
    await s.host.wait(3_000); // the page's 5 s timer stops it
    expect(page.textOf('file')).toBe(s.wx.recorder.files[0]);
    expectNoLegacyCalls(s);
  });

  it('with it, a user who cancels the prompt still gets the fail path', async () => {
    const s = await launch(dist(), false, true, { modalConfirms: false });
    const page = await s.host.open('pages/memo/index');
    page.tap('memo');
    await s.host.wait(6_000);
    expect(s.wx.count('showModal')).toBe(1);
    expect(s.wx.count('openSetting')).toBe(0);
    expect(page.textOf('error')).toBe('startRecord:fail auth deny');
    expect(s.wx.recorder.startCalls).toBe(0);
  });
});
