/**
 * Which files the build rewrites (src/taro-plugin/files.ts): the app's own source, the packages
 * listed in include, never the runtime wherever it is installed from.
 */
import { describe, expect, it } from 'vitest';
import { createFileFilter, createRuntimeFileTest } from '../../src/taro-plugin/files';
import { APP, SRC_FILE } from './helpers';

describe('which files are rewritten', () => {
  const own = ['/repo/taro-plugin-record-compat'];
  // The runtime package as a workspace or a `file:` folder links it: its files are not under node_modules.
  const runtime = ['/repo/taro-plugin-record-compat/packages/runtime'];
  const filter = createFileFilter({ include: ['@acme/voice', 'legacy-sdk'], ownRoots: own, runtimeRoots: runtime });

  it('the user source, also when the app lives below this package (like examples/)', () => {
    expect(filter(SRC_FILE)).toBe(true);
    expect(filter('/repo/taro-plugin-record-compat/examples/taro-app/src/app.ts')).toBe(true);
  });

  it('never the runtime, wherever it is installed from', () => {
    expect(filter('/repo/taro-plugin-record-compat/dist/runtime/esm/core.js')).toBe(false);
    expect(filter(`${APP}/node_modules/taro-plugin-record-compat/dist/runtime/esm/taro.js`)).toBe(false);
    expect(filter(`${APP}/node_modules/record-compat-runtime/dist/esm/core.js`)).toBe(false);
    expect(filter('/repo/taro-plugin-record-compat/packages/runtime/dist/esm/native.js')).toBe(false);
    expect(filter('/repo/taro-plugin-record-compat/packages/runtime/miniprogram_dist/index.js')).toBe(false);
    const isRuntime = createRuntimeFileTest(own, runtime);
    expect(isRuntime(`${APP}/node_modules/taro-plugin-record-compat/dist/runtime/esm/taro.js`)).toBe(true);
    expect(isRuntime('/repo/taro-plugin-record-compat/dist/src/runtime/core.js')).toBe(true);
    expect(isRuntime(`${APP}/node_modules/record-compat-runtime/dist/esm/core.js`)).toBe(true);
    expect(isRuntime('/repo/taro-plugin-record-compat/packages/runtime/dist/esm/h5.js')).toBe(true);
    expect(isRuntime(SRC_FILE)).toBe(false);
  });

  it('node_modules only for the packages listed in include', () => {
    expect(filter(`${APP}/node_modules/some-lib/index.js`)).toBe(false);
    expect(filter(`${APP}/node_modules/@tarojs/taro/index.js`)).toBe(false);
    expect(filter(`${APP}/node_modules/legacy-sdk/dist/rec.js`)).toBe(true);
    expect(filter(`${APP}/node_modules/@acme/voice/index.js`)).toBe(true);
    expect(filter(`${APP}/node_modules/@acme/other/index.js`)).toBe(false);
  });
});
