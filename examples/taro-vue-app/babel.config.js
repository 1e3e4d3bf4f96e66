// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
module.exports = {
  presets: [
    ['taro', {
      framework: 'vue3',
      ts: true,
      compiler: process.env.TARO_COMPILER === 'vite' ? 'vite' : 'webpack5',
    }],
  ],
}
