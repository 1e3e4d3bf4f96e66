// Taro 1.3 configuration (weapp only), as Taro 1.3's template writes it: `plugins` holds the
// Babel 6 options (Taro 1 has no plugin system), `env` the NODE_ENV the copied npm files test.
const config = {
  projectName: 'record-compat-taro1-app',
  date: '2026-11-25',
  designWidth: 750,
  deviceRatio: { '640': 2.34 / 2, '750': 1, '828': 1.81 / 2 },
  sourceRoot: 'src',
  outputRoot: process.env.TARO_OUTPUT_ROOT || 'dist',
  plugins: {
    babel: {
      sourceMap: true,
      presets: [['env', { modules: false }]],
      plugins: [
        'transform-decorators-legacy',
        'transform-class-properties',
        'transform-object-rest-spread',
        // The takes page awaits: regenerator from babel-runtime, as in the Taro 2 example.
        ['transform-runtime', { helpers: false, polyfill: false, regenerator: true, moduleName: 'babel-runtime' }],
      ],
    },
  },
  env: { NODE_ENV: '"production"' },
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
