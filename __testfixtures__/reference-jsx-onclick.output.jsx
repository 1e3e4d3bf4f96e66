import Taro from '@tarojs/taro'
import { View, Button } from '@tarojs/components'
import { startRecord, stopRecord } from 'record-compat-runtime'

// The stop button hands Taro.stopRecord to onClick without wrapping it.
export default function RecorderBar(props) {
  const start = () => {
    startRecord({
      success: (res) => props.onFile(res.tempFilePath),
    })
  }

  return (
    <View className="recorder-bar">
      <Button onClick={start}>Record</Button>
      <Button onClick={stopRecord} type="warn">
        Stop
      </Button>
    </View>
  )
}
