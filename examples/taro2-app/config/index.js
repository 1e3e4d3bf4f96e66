// Taro 2 configuration (Taro 2.2's template, weapp only).

// Set RECORD_COMPAT=off to build the same app without the plugin.
const withPlugin = process.env.RECORD_COMPAT !== 'off'

// The recording settings below reach the runtime through the plugin: no app code changes.
// Plugin options can be passed as JSON for experiments, e.g.
// RECORD_COMPAT_OPTIONS='{"strict":true}' npm run build:weapp
const pluginOptions = {
  durationMs: 60000,
  format: 'mp3',
  sampleRate: 16000,
  numberOfChannels: 1,
  encodeBitRate: 48000,
  ...(process.env.RECORD_COMPAT_OPTIONS ? JSON.parse(process.env.RECORD_COMPAT_OPTIONS) : {}),
}

const config = {
  projectName: 'record-compat-taro2-app',
  date: '2026-11-22',
  designWidth: 750,
  deviceRatio: {
    '640': 2.34 / 2,
    '750': 1,
    '828': 1.81 / 2,
  },
  sourceRoot: 'src',
  outputRoot: process.env.TARO_OUTPUT_ROOT || 'dist',
  babel: {
    sourceMap: true,
    presets: [['env', { modules: false }]],
    plugins: [
      'transform-decorators-legacy',
      'transform-class-properties',
      'transform-object-rest-spread',
      ['transform-runtime', { helpers: false, polyfill: false, regenerator: true, moduleName: 'babel-runtime' }],
    ],
  },
  plugins: [
    ...(withPlugin ? [['taro-plugin-record-compat', pluginOptions]] : []),
    '@tarojs/plugin-terser',
  ],
  defineConstants: {},
  mini: {
    postcss: {
      pxtransform: { enable: true, config: {} },
      url: { enable: true, config: { limit: 10240 } },
      cssModules: { enable: false, config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' } },
    },
  },
}

module.exports = function (merge) {
  return merge({}, config)
}
