/**
 * The plugin as Taro calls it (src/taro-plugin/index.ts), on a fake ctx that records the hooks it
 * registers: its exports, its schema and hooks, its own message first on bad options, the hooks a
 * Taro without vite gets. The plugin is the built entry, required as Taro requires it (helpers.ts says why).
 */
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/paths';
import { fakeCtx, plugin } from './helpers';

describe('the plugin as Taro calls it', () => {
  it('is the module export and the default export (Taro takes .default when __esModule is set)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(ROOT, 'dist/src/taro-plugin/index.js'));
    expect(typeof mod).toBe('function');
    expect(mod.__esModule).toBe(true);
    expect(mod.default).toBe(mod);
  });

  it('registers its schema and hooks, and throws its own message first on bad options', () => {
    const f = fakeCtx();
    plugin(f.ctx as never, {});
    expect(typeof f.schema()).toBe('function');
    expect(Object.keys(f.hooks).sort()).toEqual(['modifyViteConfig', 'modifyWebpackChain', 'onBuildFinish']);
    // With include, one more: the included packages are kept out of Taro's prebundle.
    const included = fakeCtx();
    plugin(included.ctx as never, { include: ['rec-sdk'] });
    expect(Object.keys(included.hooks).sort()).toEqual([
      'modifyRunnerOpts',
      'modifyViteConfig',
      'modifyWebpackChain',
      'onBuildFinish',
    ]);
    const opts = { compiler: { type: 'webpack5', prebundle: { enable: true, exclude: ['big-lib'] } } };
    included.hooks.modifyRunnerOpts[0]({ opts });
    expect(opts.compiler.prebundle).toEqual({ enable: true, exclude: ['big-lib', 'rec-sdk'] });
    // Taro merges it with its defaults (arrays concatenated); a compiler given by name has no prebundle.
    const bare: { compiler: unknown } = { compiler: { type: 'webpack5' } };
    included.hooks.modifyRunnerOpts[0]({ opts: bare });
    expect(bare.compiler).toEqual({ type: 'webpack5', prebundle: { exclude: ['rec-sdk'] } });
    const named = { compiler: 'webpack5' };
    included.hooks.modifyRunnerOpts[0]({ opts: named });
    expect(named).toEqual({ compiler: 'webpack5' });
    expect(() => plugin(fakeCtx().ctx as never, { format: 'ogg' } as never)).toThrow(
      'option "format" must be one of aac, mp3, wav, PCM, pcm, got "ogg"',
    );
    expect(() => plugin(fakeCtx().ctx as never, { format: 3 } as never)).toThrow(
      'option "format" must be one of aac, mp3, wav, PCM, pcm, got 3',
    );
  });

  it('Taro 3.6 (no modifyViteConfig): registers the webpack side only', () => {
    const f = fakeCtx();
    const ctx = { ...f.ctx } as Record<string, unknown>;
    delete ctx.modifyViteConfig;
    expect(() => plugin(ctx as never, {})).not.toThrow();
    expect(Object.keys(f.hooks).sort()).toEqual(['modifyWebpackChain', 'onBuildFinish']);
  });
});
