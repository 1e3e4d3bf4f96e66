import Taro from '@tarojs/taro'
import { View, Button } from '@tarojs/components'

// The stop button hands Taro.stopRecord to onClick without wrapping it.
export default function RecorderBar(props) {
  const start = () => {
    Taro.startRecord({
      success: (res) => props.onFile(res.tempFilePath),
    })
  }

  return (
    <View className="recorder-bar">
      <Button onClick={start}>Record</Button>
      <Button onClick={Taro.stopRecord} type="warn">
        Stop
      </Button>
    </View>
  )
}
