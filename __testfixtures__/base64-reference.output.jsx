import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { arrayBufferToBase64 } from 'record-compat-runtime'

export function Chunks({ chunks }) {
  const lines = chunks.map(arrayBufferToBase64)
  return <View>{lines.join('\n')}</View>
}
