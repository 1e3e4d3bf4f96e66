import { defineConfig, type UserConfigExport } from '@tarojs/cli'

// The example builds with either of Taro's compilers; the tests and the
// benchmark pick one with TARO_COMPILER (default webpack5).
const compiler = process.env.TARO_COMPILER === 'vite' ? 'vite' : 'webpack5'
// The Taro 3 e2e project (test/e2e/taro3-webpack4) asks for webpack4 (@tarojs/mini-runner),
// the default compiler of Taro 3.0-3.6, which Taro 4's types no longer name.
const webpack4 = process.env.TARO_COMPILER === 'webpack4'
// TARO_MINIFY=off builds without Taro's minifiers: the tests that read only what went out use it.
const minifiers = process.env.TARO_MINIFY === 'off' ? { terser: { enable: false }, csso: { enable: false } } : {}

// Set RECORD_COMPAT=off to build the same app without the plugin (benchmark baseline).
const withPlugin = process.env.RECORD_COMPAT !== 'off'

// Plugin options can be passed as JSON for experiments, e.g.
// RECORD_COMPAT_OPTIONS='{"strict":true}' npm run build:weapp
// The recording settings below reach the runtime through the plugin: no app code changes.
const pluginOptions = {
  durationMs: 60000,
  format: 'mp3',
  sampleRate: 16000,
  numberOfChannels: 1,
  encodeBitRate: 48000,
  deniedPrompt: false,
  ...(process.env.RECORD_COMPAT_OPTIONS ? JSON.parse(process.env.RECORD_COMPAT_OPTIONS) : {}),
}

// The end-to-end tests read the built output; RECORD_COMPAT_READABLE_EXPORTS=1
// keeps webpack's export names so a call through an imported module stays
// recognisable in the minified bundle (it changes nothing else).
const readableExports = process.env.RECORD_COMPAT_READABLE_EXPORTS === '1'
const webpackChain = (chain: any) => {
  // webpack 4 has no mangleExports option (and keeps export names anyway).
  if (readableExports && !webpack4) chain.optimization.set('mangleExports', false)
}

export default defineConfig<typeof compiler>(() => {
  const config: UserConfigExport<typeof compiler> = {
    projectName: 'record-compat-taro-app',
    date: '2026-11-21',
    designWidth: 750,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2,
    },
    sourceRoot: 'src',
    outputRoot: process.env.TARO_OUTPUT_ROOT || 'dist',
    plugins: withPlugin ? [['taro-plugin-record-compat', pluginOptions]] : [],
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: webpack4 ? ('webpack4' as never) : compiler,
    ...minifiers,
    cache: { enable: false },
    mini: {
      webpackChain,
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
    h5: {
      webpackChain,
      publicPath: '/',
      staticDirectory: 'static',
      router: { mode: 'hash' },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  return config
})
