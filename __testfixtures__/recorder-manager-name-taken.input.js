import Taro from '@tarojs/taro'

// The page has its own helper of the same name: the runtime's import must take another.
function getRecorderManager () {
  return Taro.getRecorderManager()
}

export default getRecorderManager
