/*
 * The system-info family through the build plugin, end to end: a copy of examples/taro-app (Taro 4,
 * React) with a page that reads system info in the shapes real code uses (a member read of the
 * sync call, a destructuring of fields of two groups, the whole object kept in a cache,
 * `Taro.getSystemInfo` with success) and the helpers of a UI library that read it through
 * getSystemInfoSync (helpers/dependency.ts, UI_KIT: in the plugin's `include`), built with the
 * plugin by webpack5 and by vite, scanned in dist/ and run in the mini-program host on a
 * WeChat-like `wx` (base library 3.7.12: the five new APIs, and WeChat's deprecation line on every
 * legacy call; the runtime tests' fake). The copy has a node_modules of its own: links to the
 * example's packages, and the UI library.
 * The control: the same copy built without the plugin prints the line there; on a `wx` with only
 * the legacy API (the same phone) it computes the values the migrated page must compute.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from './host/clock';
import { FakeWx } from './host/fake-wx';
import { MiniProgramHost } from './host/mini-host';
import {
  EXAMPLE,
  RUNTIME_MARKER,
  TMP,
  addPage,
  buildExample,
  copyExampleApp,
  ensureExample,
  expectedSummary,
  summaryLines,
  type RunResult,
} from './helpers/example';
import { scanDist, type DistScan } from './helpers/scan-dist';
import {
  addUiKit,
  linkInstalledModules,
  TARO_CODE_LINE,
  UI_KIT,
  UI_KIT_DIR,
  UI_KIT_IMPORT,
  UI_KIT_USE,
  UI_KIT_VALUES,
} from './helpers/dependency';
import { FakeSystemInfoPlatform, LEGACY_APIS, deprecationLine, weappSystemInfo } from '../runtime/fakes/system-info';

const APP = path.join(TMP, `system-info-app-${process.pid}`);
const ROUTE = 'pages/system/index';

// The four shapes, as apps write them; the page shows what it computed as JSON.
const PAGE = `import { Component } from 'react'
import Taro from '@tarojs/taro'
import { View, Text } from '@tarojs/components'
${UI_KIT_IMPORT}

// Read once, kept for the app's lifetime (a cache, as libraries keep it).
let cached
function systemInfo() {
  if (!cached) cached = Taro.getSystemInfoSync()
  return cached
}

export default class SystemPage extends Component {
  state = { values: null }

  componentDidMount() {
    const width = Taro.getSystemInfoSync().windowWidth
    const { statusBarHeight, model } = Taro.getSystemInfoSync()
    const kept = systemInfo()
    Taro.getSystemInfo({
      success: (res) => {
        const values = { width, statusBarHeight, model, kept, async: { SDKVersion: res.SDKVersion, windowHeight: res.windowHeight, errMsg: res.errMsg }, kit: ${UI_KIT_USE} }
        this.setState({ values })
      },
    })
  }

  render() {
    return (
      <View>
        <Text id='values'>{JSON.stringify(this.state.values)}</Text>
      </View>
    )
  }
}
`;

// The UI library is in `include`: Taro's script rule (Taro 4: only an `include` of its own) compiles it.
const VARIANTS = {
  webpack5: { compiler: 'webpack5', plugin: true, pluginOptions: { include: [UI_KIT] } },
  vite: { compiler: 'vite', plugin: true, pluginOptions: { include: [UI_KIT] } },
  noPlugin: { compiler: 'webpack5', plugin: false, pluginOptions: undefined },
} as const;
type Variant = keyof typeof VARIANTS;
type Built = RunResult & { dist: string; scan: DistScan };
const builds: Partial<Record<Variant, Built>> = {};

function built(name: Variant): Built {
  const b = builds[name];
  if (!b) throw new Error(`build ${name} did not run`);
  return b;
}

beforeAll(async () => {
  await ensureExample();
  copyExampleApp(APP);
  addUiKit(linkInstalledModules(APP, path.join(EXAMPLE, 'node_modules')));
  addPage(APP, ROUTE, PAGE, 'System');
  for (const [name, v] of Object.entries(VARIANTS) as [Variant, (typeof VARIANTS)[Variant]][]) {
    const b = await buildExample({
      appDir: APP,
      platform: 'weapp',
      compiler: v.compiler,
      out: `dist/e2e/system-info-${name}`,
      plugin: v.plugin,
      pluginOptions: v.pluginOptions,
    });
    console.log(
      `[e2e] system info: taro build weapp (${v.compiler}${v.plugin ? '' : ', no plugin'}): ${(b.ms / 1000).toFixed(1)} s, exit ${b.code}`,
    );
    if (b.code !== 0) throw new Error(`taro build failed:\n${b.output.slice(-6000)}`);
    builds[name] = { ...b, scan: scanDist(b.dist, RUNTIME_MARKER) };
  }
}, 1_200_000);
afterAll(() => {
  fs.rmSync(APP, { recursive: true, force: true });
});

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
      // The example's own record, voice and canvas calls in 5 files, the page's 4 system-info calls, the UI library's 2 in 2 files.
      expect(summaryLines(built(name).output)).toEqual([expectedSummary(path.join(APP, 'src'), 8, [UI_KIT_DIR])]);
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
