/*
 * The system-info family through the build plugin, end to end: a copy of examples/taro-app (Taro 4,
 * React) with a page that reads system info in the shapes real code uses (a member read of the
 * sync call, a destructuring of fields of two groups, the whole object kept in a cache,
 * `Taro.getSystemInfo` with success) and the helpers of a UI library that read it through
 * getSystemInfoSync (helpers/dependency.ts, UI_KIT: in the plugin's `include`), built with the
 * plugin by webpack5 and by vite, scanned in dist/ and run in the mini-program host on a
 * WeChat-like `wx` (base library 3.7.12: the five new APIs, and WeChat's deprecation line on every
 * legacy call; the runtime tests' fake). The copy and its builds are background-audio-build.test.ts's too
 * (helpers/system-audio-app.ts): its chime and music pages are there beside this page.
 * The control: the same copy built without the plugin prints the line there; on a `wx` with only
 * the legacy API (the same phone) it computes the values the migrated page must compute.
 */
import * as path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from './host/clock';
import { FakeWx } from './host/fake-wx';
import { MiniProgramHost } from './host/mini-host';
import { expectedSummary, summaryLines } from './helpers/example';
import { TARO_CODE_LINE, UI_KIT_DIR, UI_KIT_VALUES } from './helpers/dependency';
import { APP, SYSTEM_ROUTE as ROUTE, systemAudioBuilds, type Built, type Variant } from './helpers/system-audio-app';
import { FakeSystemInfoPlatform, LEGACY_APIS, deprecationLine, weappSystemInfo } from '../runtime/fakes/system-info';

let builds: Record<Variant, Built> | undefined;

function built(name: Variant): Built {
  if (!builds) throw new Error(`build ${name} did not run`);
  return builds[name];
}

beforeAll(async () => {
  builds = await systemAudioBuilds('system info');
}, 1_200_000);

/** The same phone on a wx with only the legacy API: its getSystemInfo* are current there, no line printed. */
const legacyOnlyWx = () =>
  new FakeSystemInfoPlatform({ name: 'weapp, legacy API only', legacy: 'current', legacyCallbacks: true });

/** Runs the page of a build on `platform`'s system info and returns what it computed. */
async function runPage(dist: string, platform: FakeSystemInfoPlatform): Promise<Record<string, unknown>> {
  const clock = new FakeClock();
  const wx = new FakeWx({ clock, permission: true, legacyApi: true, systemInfo: platform });
  const host = new MiniProgramHost({ distDir: dist, wx, clock });
  await host.launch();
  const page = await host.open(ROUTE);
  await host.wait(1_000);
  expect(host.errors).toEqual([]);
  expect(host.rejections).toEqual([]);
  return JSON.parse(page.textOf('values'));
}

/** The check the issue asks for: WeChat printed no deprecation line. */
function expectNoDeprecationLine(platform: FakeSystemInfoPlatform) {
  expect(platform.printed, 'deprecation lines printed').toEqual([]);
}

/** Legacy system-info calls the scan finds in the page's own file of a build. */
const legacyInPage = (b: Built) =>
  b.scan.legacy.filter((s) => s.file.startsWith('pages/system/') && (LEGACY_APIS as readonly string[]).includes(s.api));

/** The legacy calls of a build's dist/ in the app's code, and in Taro's own (scan-dist.ts, taroOwn). */
function legacySites(b: Built) {
  return { app: b.scan.legacy, taro: b.scan.taroOwn };
}

/** What the unmigrated page computes on the wx with only the legacy API: what the migrated page must compute. */
let reference: Record<string, unknown>;
beforeAll(async () => {
  const platform = legacyOnlyWx();
  reference = await runPage(built('noPlugin').dist, platform);
  expectNoDeprecationLine(platform);
});

for (const name of ['webpack5', 'vite'] as const) {
  describe(`examples/taro-app with the system-info page, built by ${name} with the plugin`, () => {
    it("the summary counts the page's and the UI library's system-info calls; dist/ has no legacy call left outside Taro's own canIUseWebp, which one line names", () => {
      // The example's own record, voice and canvas calls in 5 files, the page's 4 system-info calls, the UI library's 2
      // in 2 files, and the chime and music pages of background-audio-build.test.ts.
      expect(summaryLines(built(name).output)).toEqual([expectedSummary(path.join(APP, 'src'), 10, [UI_KIT_DIR])]);
      expect(built(name).output).toMatch(/6 system-info calls/);
      expect(built(name).output).toMatch(TARO_CODE_LINE);
      const { app, taro } = legacySites(built(name));
      expect(app).toEqual([]);
      // Taro's chunk holds the same legacy call (canIUseWebp's) with and without the plugin: none came from the app.
      expect(taro.map((s) => s.api)).toEqual(['getSystemInfoSync']);
      expect(taro.map((s) => s.api)).toEqual(legacySites(built('noPlugin')).taro.map((s) => s.api));
      expect(built(name).scan.files.some((f) => f.includes(path.join('pages', 'system')))).toBe(true);
    });

    it('on a WeChat-like wx with the five new APIs: no deprecation line, no legacy call, the values of the unmigrated page on a legacy-only wx', async () => {
      const platform = weappSystemInfo();
      const values = await runPage(built(name).dist, platform);
      expectNoDeprecationLine(platform);
      expect(platform.legacyCalls).toBe(0);
      expect(platform.calls).toContain('getWindowInfo');
      expect(values).toEqual({ ...reference, kept: expect.objectContaining(reference.kept as object) });
      expect(values.kit).toEqual(UI_KIT_VALUES);
    });
  });
}

describe('the control: the same copy built without the plugin', () => {
  it('its page still calls getSystemInfoSync and getSystemInfo in dist/, and so does the UI library', () => {
    expect(new Set(legacyInPage(built('noPlugin')).map((s) => s.api))).toEqual(
      new Set(['getSystemInfoSync', 'getSystemInfo']),
    );
    for (const name of ['webpack5', 'vite'] as const) expect(legacyInPage(built(name))).toEqual([]);
    // The page's three getSystemInfoSync and the UI library's two, wherever webpack puts the library's modules.
    expect(built('noPlugin').scan.legacy.filter((s) => s.api === 'getSystemInfoSync')).toHaveLength(5);
  });

  it('computes real values on the legacy-only wx (the reference is not empty)', () => {
    expect(reference).toMatchObject({
      width: 390,
      statusBarHeight: 47,
      model: 'iPhone 14<iPhone14,7>',
      async: { SDKVersion: '3.7.12', windowHeight: 753, errMsg: 'getSystemInfo:ok' },
    });
    // The kept object's `*Authorized` are booleans, as WeChat's legacy object has them.
    expect(reference.kept).toMatchObject({
      cameraAuthorized: true,
      locationAuthorized: false,
      windowWidth: 390,
      platform: 'ios',
    });
  });

  it('fails the "no line" check on the WeChat-like wx: WeChat prints the line on each legacy call', async () => {
    const platform = weappSystemInfo();
    const values = await runPage(built('noPlugin').dist, platform);
    expect(() => expectNoDeprecationLine(platform)).toThrow();
    expect(platform.printed).toContain(deprecationLine('getSystemInfoSync'));
    expect(platform.printed).toContain(deprecationLine('getSystemInfo'));
    expect(platform.printed).toHaveLength(platform.legacyCalls);
    expect(values).toEqual(reference);
  });
});
