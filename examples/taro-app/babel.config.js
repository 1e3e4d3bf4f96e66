// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
module.exports = {
  presets: [
    ['taro', {
      framework: 'react',
      ts: true,
      compiler: ['vite', 'webpack4'].includes(process.env.TARO_COMPILER) ? process.env.TARO_COMPILER : 'webpack5',
    }],
  ],
}
