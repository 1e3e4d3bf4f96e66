import Taro from '@tarojs/taro'
import { getRecorderManager as _getRecorderManager } from 'record-compat-runtime'

// The page has its own helper of the same name: the runtime's import must take another.
function getRecorderManager () {
  return _getRecorderManager()
}

export default getRecorderManager
