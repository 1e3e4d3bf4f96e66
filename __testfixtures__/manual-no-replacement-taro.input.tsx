import Taro, { useDidShow } from '@tarojs/taro'
import { View } from '@tarojs/components'

export default function Inbox({ unread }: { unread: number }) {
  useDidShow(() => {
    Taro.setTopBarText({ text: `${unread} unread` })
  })
  return <View>{unread}</View>
}
