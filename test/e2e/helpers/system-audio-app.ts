/**
 * The copy of examples/taro-app that system-info-build.test.ts and background-audio-build.test.ts both build: the
 * example with a page that reads system info (SYSTEM_PAGE) and the helpers of a UI library that read it through
 * getSystemInfoSync (helpers/dependency.ts, UI_KIT: in the plugin's `include`), a chime page that plays a hidden
 * `<Audio>` through createAudioContext and a music page on the legacy background-audio API (helpers/music-page.ts).
 * Its node_modules links the example's packages and adds the UI library. Its three builds (webpack5 and vite with the
 * plugin, webpack5 without) are made once per run (shared-build.ts): each file reads the same dist/ for its own
 * assertions, instead of building an app of its own three times.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { inject } from 'vitest';
import {
  EXAMPLE,
  RUNTIME_MARKER,
  TMP,
  addPage,
  copyExampleApp,
  ensureExample,
  withLock,
  type RunResult,
} from './example';
import { addUiKit, linkInstalledModules, UI_KIT, UI_KIT_IMPORT, UI_KIT_USE } from './dependency';
import { CHIME_ROUTE, MUSIC_ROUTE, REACT_CHIME_PAGE, REACT_MUSIC_PAGE } from './music-page';
import { scanDist, type DistScan } from './scan-dist';
import { sharedBuilds } from './shared-build';

export const APP = path.join(TMP, 'system-audio-app');
export const SYSTEM_ROUTE = 'pages/system/index';

// The four shapes, as apps write them; the page shows what it computed as JSON.
const SYSTEM_PAGE = `import { Component } from 'react'
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

/** The UI library is in `include`: Taro's script rule (Taro 4: only an `include` of its own) compiles it. */
export const VARIANTS = {
  webpack5: { platform: 'weapp', compiler: 'webpack5', out: 'dist/e2e/webpack5', pluginOptions: { include: [UI_KIT] } },
  vite: { platform: 'weapp', compiler: 'vite', out: 'dist/e2e/vite', pluginOptions: { include: [UI_KIT] } },
  noPlugin: { platform: 'weapp', compiler: 'webpack5', out: 'dist/e2e/no-plugin', plugin: false },
} as const;
export type Variant = keyof typeof VARIANTS;
export type Built = RunResult & { dist: string; scan: DistScan };

/**
 * The app at `dir`, made afresh: the example, its node_modules linked with the UI library added, and the pages; the
 * music page unless `music` is false (the size baseline of background-audio-build.test.ts).
 */
export function assembleSystemAudioApp(dir: string, { music = true } = {}): void {
  fs.rmSync(dir, { recursive: true, force: true });
  copyExampleApp(dir);
  addUiKit(linkInstalledModules(dir, path.join(EXAMPLE, 'node_modules')));
  addPage(dir, SYSTEM_ROUTE, SYSTEM_PAGE, 'System');
  addPage(dir, CHIME_ROUTE, REACT_CHIME_PAGE, 'Chime');
  if (music) addPage(dir, MUSIC_ROUTE, REACT_MUSIC_PAGE, 'Music');
}

/**
 * The three builds of APP, each scanned; APP is assembled once per run, by the first file to ask (the other finds it
 * made, and builds or waits for what it has not got).
 */
export async function systemAudioBuilds(label: string): Promise<Record<Variant, Built>> {
  await ensureExample();
  const run = inject('e2eRun') ?? `pid-${process.pid}`;
  const stamp = path.join(APP, '.assembled-for-run');
  await withLock('system-audio-app', async () => {
    if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === run) return;
    assembleSystemAudioApp(APP);
    fs.writeFileSync(stamp, run);
  });
  const made = await sharedBuilds(VARIANTS, APP);
  const builds: Partial<Record<Variant, Built>> = {};
  for (const [name, v] of Object.entries(VARIANTS) as [Variant, (typeof VARIANTS)[Variant]][]) {
    const b = made[name];
    const by = b.builtFor ? ` (built for ${b.builtFor})` : '';
    console.log(
      `[e2e] ${label}: taro build weapp (${v.compiler}${'plugin' in v ? ', no plugin' : ''}): ${(b.ms / 1000).toFixed(1)} s, exit ${b.code}${by}`,
    );
    if (b.code !== 0) throw new Error(`taro build failed:\n${b.output.slice(-6000)}`);
    builds[name] = { ...b, scan: scanDist(b.dist, RUNTIME_MARKER) };
  }
  return builds as Record<Variant, Built>;
}
