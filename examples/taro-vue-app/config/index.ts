import { defineConfig, type UserConfigExport } from '@tarojs/cli'

// Built with either of Taro's compilers; the tests pick one with TARO_COMPILER (default webpack5).
const compiler = process.env.TARO_COMPILER === 'vite' ? 'vite' : 'webpack5'
// TARO_MINIFY=off builds without Taro's minifiers: the tests that read only what went out use it.
const minifiers = process.env.TARO_MINIFY === 'off' ? { terser: { enable: false }, csso: { enable: false } } : {}

// RECORD_COMPAT=off builds the same app without the plugin (the tests' baseline).
const withPlugin = process.env.RECORD_COMPAT !== 'off'

const pluginOptions = {
  durationMs: 60000,
  format: 'mp3',
  ...(process.env.RECORD_COMPAT_OPTIONS ? JSON.parse(process.env.RECORD_COMPAT_OPTIONS) : {}),
}

// The end-to-end tests read the built output; RECORD_COMPAT_READABLE_EXPORTS=1
// keeps webpack's export names so calls stay recognisable (it changes nothing else).
const readableExports = process.env.RECORD_COMPAT_READABLE_EXPORTS === '1'
const webpackChain = (chain: any) => {
  if (readableExports) chain.optimization.set('mangleExports', false)
}

export default defineConfig<typeof compiler>(() => {
  const config: UserConfigExport<typeof compiler> = {
    projectName: 'record-compat-taro-vue-app',
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
    framework: 'vue3',
    compiler,
    ...minifiers,
    cache: { enable: false },
    mini: {
      webpackChain,
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
      },
    },
  }
  return config
})
