import Taro from '@tarojs/taro'

// language's default reads windowWidth, pixelRatio's reads language: no order of two calls keeps both
export function layout() {
  const { windowWidth, language = windowWidth > 400 ? 'en' : 'zh_CN', pixelRatio = language === 'en' ? 2 : 3 } =
    Taro.getSystemInfoSync()
  return { windowWidth, language, pixelRatio }
}

let calls = 0
const count = () => ++calls

// two defaults with effects keep their order
export function counted() {
  const { statusBarHeight = count(), platform = count(), screenWidth = count() } = Taro.getSystemInfoSync()
  return { statusBarHeight, platform, screenWidth }
}
