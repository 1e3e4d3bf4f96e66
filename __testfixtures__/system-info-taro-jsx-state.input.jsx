import Taro from '@tarojs/taro'
import { useState } from 'react'
import { View, Text } from '@tarojs/components'

export default function NavBar({ title }) {
  // the state holds the object: the JSX may read any field of it
  const [sys] = useState(Taro.getSystemInfoSync())
  const info = Taro.getSystemInfoSync()
  return (
    <View style={{ paddingTop: info.statusBarHeight, height: sys.windowWidth / 7.5 }}>
      <Text>{info.platform === 'ios' ? title : sys.model}</Text>
    </View>
  )
}
