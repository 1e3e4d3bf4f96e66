import Taro from '@tarojs/taro'
import { View, Button } from '@tarojs/components'
import { startRecord, stopRecord } from 'record-compat-runtime'

// Ask for scope.record first, then record, the way the old docs showed it.
function askAndRecord(onFile) {
  Taro.authorize({
    scope: 'scope.record',
    success() {
      // user already agreed, or agreed just now
      startRecord({
        success(res) {
          onFile(res.tempFilePath)
        }
      })
    },
    fail() {
      Taro.showModal({
        title: 'Microphone',
        content: 'Please allow recording in settings',
        success: (r) => { if (r.confirm) Taro.openSetting() }
      })
    }
  })
}

export default function AskButton({ onFile }) {
  return (
    <View>
      <Button onClick={() => askAndRecord(onFile)}>Talk</Button>
      <Button onClick={() => stopRecord()}>Done</Button>
    </View>
  )
}
