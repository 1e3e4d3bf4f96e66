/*
 * A tiny CommonJS loader for the system-info tests: the built runtime (packages/runtime/dist/cjs) and a program
 * that imports it, bound to one fake platform, as an app's build and the platform would bind them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { transformSync } from 'esbuild';
import { expect } from 'vitest';
import {
  NEW_APIS,
  jsSdkWx,
  taroDefine,
  taroH5BabelPlugin,
  taroModuleOn,
  type FakeSystemInfoPlatform,
} from './fakes/system-info';

const RUNTIME_DIR = path.resolve(__dirname, '../../packages/runtime/dist/cjs');
/**
 * The platform globals a module may read; the fake's object goes to the platform's own name. `process` is none of
 * them: a mini-program has no `process`, nor has a browser, so a read Taro's build did not replace throws here.
 */
const GLOBALS = ['wx', 'my', 'tt', 'swan', 'qq', 'jd', 'process'] as const;
type Evaluate = (
  exports: object,
  require: (id: string) => unknown,
  module: { exports: object },
  ...g: unknown[]
) => void;
const compiled = new Map<string, Evaluate>();

/** A module's text as a function of exports, require, module and the platform globals (compiled once). */
function compile(key: string, code: string): Evaluate {
  let f = compiled.get(key);
  if (!f) {
    f = new Function('exports', 'require', 'module', ...GLOBALS, code) as Evaluate;
    compiled.set(key, f);
  }
  return f;
}

/**
 * A fresh module world for one fake: `@tarojs/taro` is Taro on that platform, `record-compat-runtime` the
 * built Taro entry (the H5 entry on Taro H5, as the build plugin resolves it there; the Taro entry where the app
 * was migrated without it), `/native` the built native entry; the fake's object is the global of its platform
 * (in WeChat's browser, `wx` is the web JS-SDK's). Every module goes through what Taro's build defines
 * (taroDefine), and on Taro H5 through what Taro's Babel plugin does to it. Loads `code` in it.
 */
export function loadIn<T = { run: () => Promise<unknown> }>(p: FakeSystemInfoPlatform, code: string, key: string): T {
  const h5 = p.name.startsWith('h5');
  const jsSdk = p.shape.jsSdkWithoutPlugin;
  const globals = GLOBALS.map((g) =>
    p.name.startsWith(g === 'wx' ? 'weapp' : g) ? p.api : g === 'wx' && jsSdk ? jsSdkWx() : undefined,
  );
  const taro = taroModuleOn(p);
  const build = (text: string) =>
    h5 ? taroH5BabelPlugin(taroDefine(text, p), Object.keys(taro)) : taroDefine(text, p);
  const cache = new Map<string, { exports: object }>();
  const load = (file: string, text?: string): object => {
    const cached = cache.get(file);
    if (cached) return cached.exports;
    const module = { exports: {} };
    cache.set(file, module);
    if (text === undefined && !fs.existsSync(file)) throw new Error(`${file} is missing: run npm run build first`);
    compile(`${file} on ${p.name}`, build(text ?? fs.readFileSync(file, 'utf8')))(
      module.exports,
      requireFrom,
      module,
      ...globals,
    );
    return module.exports;
  };
  const requireFrom = (id: string): unknown => {
    if (id === '@tarojs/taro') return taro;
    if (id === 'record-compat-runtime') return load(path.join(RUNTIME_DIR, h5 && !jsSdk ? 'h5.js' : 'taro.js'));
    if (id === 'record-compat-runtime/native') return load(path.join(RUNTIME_DIR, 'native.js'));
    if (id.startsWith('./')) return load(path.join(RUNTIME_DIR, id));
    throw new Error(`the test's loader has no module ${id}`);
  };
  return load(`program:${key}`, code) as T;
}

/** An ES module's text as the CommonJS the loader runs. */
export const asCommonJs = (text: string): string =>
  transformSync(text, { format: 'cjs', loader: 'js', target: 'es2020' }).code;

/** What a program computed on a fake: its result, or the error it threw. */
export type Outcome = { values: Record<string, unknown> } | { threw: string };

/** Loads a program (CommonJS, exporting `run`) on a fake and runs it: what it gave, or what it threw. */
export async function runOn(p: FakeSystemInfoPlatform, code: string, key: string): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const never = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('the program never settled')), 2000);
  });
  try {
    const values = await Promise.race([loadIn(p, code, key).run(), never]);
    return { values: values as Record<string, unknown> };
  } catch (error) {
    return { threw: `${(error as Error).name}: ${(error as Error).message}` };
  } finally {
    clearTimeout(timer);
  }
}

/** Where the platform prints WeChat's deprecation line: the migrated program makes no legacy call where the new APIs answer. */
export function expectNoNeedlessLegacyCall(p: FakeSystemInfoPlatform) {
  expect(p.printed.length, p.name).toBe(p.shape.legacy === 'deprecated' ? p.legacyCalls : 0);
  if (p.legacyCalls === 0) return;
  // getAppBaseInfo without fontSizeSetting (WeChat 2.20.1–2.23.3): the legacy call gives it, and prints nothing there.
  if (p.lacksFontSize()) {
    expect(p.printed, `${p.name}: the legacy call for fontSizeSetting printed the line`).toEqual([]);
    expect(p.calls, `${p.name}: a legacy call, yet getAppBaseInfo was not asked`).toContain('getAppBaseInfo');
    return;
  }
  // A legacy call only where an API asked did not answer (single-page mode, base library 2.19, Douyin…).
  const unanswered = NEW_APIS.filter((n) => !p.asksAndAnswers(n));
  expect(unanswered, `${p.name}: a legacy call though all five answer`).not.toEqual([]);
  expect(
    unanswered.some((n) => p.calls.includes(n) || !(n in p.api) || p.shape.alipay),
    `${p.name}: a legacy call, yet no API that did not answer was asked (${p.calls.join(', ')})`,
  ).toBe(true);
}
