/**
 * An app's `@vitejs/plugin-react` as Taro's React framework plugin configures it (its two Babel
 * plugins: legacy decorators, loose class properties), resolved as vite resolves `taro build` for
 * a mini program: `arrange` places its plugins among others (the record-compat plugin first, as
 * modifyViteConfig puts it), each gets its resolved config, and `pass` runs its Babel transform
 * (`vite:react-babel`) on one file. For the build benchmark and the vite e2e tests alike.
 */
import { createRequire } from 'node:module';
import * as path from 'node:path';

export function taroReactBuild({ modulesFrom, root, reactOptions = {}, arrange = (react) => react }) {
  const appRequire = createRequire(path.join(modulesFrom, 'package.json'));
  const babel = {
    plugins: [
      [appRequire.resolve('@babel/plugin-proposal-decorators'), { legacy: true }],
      [appRequire.resolve('@babel/plugin-transform-class-properties'), { loose: true }],
    ],
  };
  const react = appRequire('@vitejs/plugin-react')
    .default({ ...reactOptions, babel })
    .flat();
  const plugins = arrange(react);
  const config = {
    command: 'build',
    root,
    isProduction: true,
    build: { sourcemap: false },
    server: { hmr: false },
    plugins,
    logger: { warn() {}, warnOnce() {} },
  };
  for (const p of plugins) p.configResolved?.(config);
  const hook = react.find((p) => p.name === 'vite:react-babel').transform;
  const handler = typeof hook === 'function' ? hook : hook.handler;
  return { plugins, pass: (code, id) => handler.call({}, code, id, {}) };
}
