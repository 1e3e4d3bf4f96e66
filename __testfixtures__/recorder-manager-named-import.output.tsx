import { showToast } from '@tarojs/taro'
import { View } from '@tarojs/components'
import { getRecorderManager } from 'record-compat-runtime'

const manager = getRecorderManager()
manager.onStart(() => showToast({ title: 'Listening', icon: 'none' }))

export default function Listen () {
  return <View onClick={() => manager.start({ sampleRate: 16000, encodeBitRate: 48000 })}>Hold to talk</View>
}
