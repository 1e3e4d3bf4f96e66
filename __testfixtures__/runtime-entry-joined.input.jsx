import Taro from '@tarojs/taro'
import { startRecord } from 'record-compat-runtime/native'

// Half migrated by hand from the native entry: the rest joins that import, so
// stopRecord stops the recorder startRecord started.
export function RecordButton() {
  return (
    <button onTouchStart={() => startRecord({})} onTouchEnd={() => Taro.stopRecord()}>
      Hold to talk
    </button>
  )
}
