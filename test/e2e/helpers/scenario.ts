/**
 * The scenario every e2e test of a Taro app runs, written once: install the app's
 * dependencies (assembling it under .tmp/ first when its package.json and lock live in
 * test/e2e/<version>/), build it with the real `taro build` in each variant, scan each
 * dist/ (helpers/scan-dist.ts), and drive an output in the mini-program host (host/).
 * The test files keep what differs: the variants, and what they assert.
 */
import * as path from 'node:path';
import { beforeAll, expect } from 'vitest';
import { FakeClock } from '../host/clock';
import { FakeWx, type FakeWxOptions } from '../host/fake-wx';
import { MiniProgramHost } from '../host/mini-host';
import {
  RUNTIME_MARKER,
  assembleProject,
  ensureExample,
  expectedSummary,
  installedVersion,
  summaryLines,
  type BuildOptions,
  type RunResult,
} from './example';
import { scanDist, type DistScan } from './scan-dist';
import { sharedBuilds } from './shared-build';

export type Build = RunResult & { dist: string };

/** One `taro build` of the app: platform, compiler, output folder, plugin on or off, its options. */
export type Variant = Omit<BuildOptions, 'appDir'>;

export interface ScenarioOptions<K extends string> {
  /** Names the app in the log and in a failure: `taro 3.6`, `vue3`. */
  label: string;
  /** The app to build: an example, or the project assembled under .tmp/. */
  appDir: string;
  /**
   * Assemble `appDir` first (helpers/example.ts assembleProject): package.json and its lock from
   * `packageFiles` (a folder under test/e2e/), the listed files (default: the React example's) from `example`.
   */
  assemble?: { packageFiles: string; example?: string; fromExample?: readonly string[] };
  /**
   * The builds: one after the other (so the printed timings do not skew each other), first those no other test file
   * is making.
   */
  variants: Record<K, Variant>;
  /** Whether a build succeeded (default: it exited 0). */
  succeeded?: (build: Build) => boolean;
  /** What the app gets before its builds, once installed (a page of its own). */
  prepare?: (appDir: string) => void;
}

export interface Scenario<K extends string> {
  appDir: string;
  /** The app's source folder. */
  srcDir: string;
  /** A variant's build (throws if it did not run). */
  built(name: K): Build;
  /** The scan of a variant's dist/. */
  scan(name: K): DistScan;
  /** The version of a package installed in the app. */
  installedVersion(pkg: string): string;
}

function describeVariant(v: Variant): string {
  const notes = [
    v.plugin === false ? 'no plugin' : '',
    v.minified === false ? 'unminified' : '',
    ...Object.keys(v.pluginOptions ?? {}),
  ].filter(Boolean);
  return `${v.platform} (${[v.compiler, ...notes].join(', ')})`;
}

/**
 * Registers the scenario's beforeAll hooks (install, then every build and its scan) in the
 * calling test file; the returned object gives the builds and scans to its tests.
 */
export function taroScenario<K extends string>(o: ScenarioOptions<K>): Scenario<K> {
  const builds: Partial<Record<K, Build>> = {};
  const scans: Partial<Record<K, DistScan>> = {};
  const succeeded = o.succeeded ?? ((b: Build) => b.code === 0);

  // First run on a fresh machine: npm ci of the app (minutes on a cold npm cache).
  beforeAll(async () => {
    if (o.assemble) assembleProject(o.appDir, o.assemble.packageFiles, o.assemble.example, o.assemble.fromExample);
    await ensureExample(o.appDir);
    o.prepare?.(o.appDir);
  }, 1_200_000);

  // One Taro build per variant, shared by every assertion of the file (and, once per run, by every test file that
  // builds the same app alike: shared-build.ts).
  beforeAll(async () => {
    const variants = Object.entries(o.variants) as [K, Variant][];
    const made = await sharedBuilds(o.variants, o.appDir);
    for (const [name, variant] of variants) {
      const b = made[name];
      builds[name] = b;
      const by = b.builtFor ? ` (built for ${b.builtFor})` : '';
      console.log(
        `[e2e] ${o.label} build ${describeVariant(variant)}: ${(b.ms / 1000).toFixed(1)} s, exit ${b.code}${by}`,
      );
      if (!succeeded(b)) throw new Error(`${o.label} build ${name} failed:\n${b.output.slice(-6000)}`);
      scans[name] = scanDist(b.dist, RUNTIME_MARKER);
    }
  }, 1_200_000);

  return {
    appDir: o.appDir,
    srcDir: path.join(o.appDir, 'src'),
    built(name) {
      const b = builds[name];
      if (!b) throw new Error(`build ${name} did not run`);
      return b;
    },
    scan(name) {
      const s = scans[name];
      if (!s) throw new Error(`build ${name} was not scanned`);
      return s;
    },
    installedVersion: (pkg) => installedVersion(o.appDir, pkg),
  };
}

/**
 * What a build with the plugin must show: the one summary line for every call of `srcDir` and of
 * the included packages in `packageDirs` rewritten in `files` files, no legacy call left outside
 * the runtime, the runtime in one file.
 */
export function expectEveryCallRewritten(
  build: Build,
  scan: DistScan,
  srcDir: string,
  files: number,
  packageDirs: readonly string[] = [],
): void {
  expect(summaryLines(build.output)).toEqual([expectedSummary(srcDir, files, packageDirs)]);
  expect(scan.legacy).toEqual([]);
  expect(scan.runtimeFiles).toHaveLength(1);
}

export interface Session {
  clock: FakeClock;
  wx: FakeWx;
  host: MiniProgramHost;
}

/**
 * A built app launched in the mini-program host on a fake `wx` (by default: the microphone
 * never asked about, a user who grants it), on the host's fake clock.
 */
export async function launchHost(
  dist: string,
  fake: Partial<Omit<FakeWxOptions, 'clock'>> = {},
  globalName?: string,
): Promise<Session> {
  const clock = new FakeClock();
  const wx = new FakeWx({ clock, permission: undefined, userGrants: true, ...fake });
  const host = new MiniProgramHost({ distDir: dist, wx, clock, globalName });
  await host.launch();
  return { clock, wx, host };
}

/** The app never reached the deprecated API, and threw nothing. */
export function expectNoLegacyCalls({ wx, host }: Session): void {
  expect(wx.count('startRecord')).toBe(0);
  expect(wx.count('stopRecord')).toBe(0);
  expect(host.errors).toEqual([]);
}
