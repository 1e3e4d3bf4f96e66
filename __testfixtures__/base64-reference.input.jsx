import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'

export function Chunks({ chunks }) {
  const lines = chunks.map(Taro.arrayBufferToBase64)
  return <View>{lines.join('\n')}</View>
}
