import Taro from '@tarojs/taro'
import { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { getSystemInfoSync, getWindowInfo, getDeviceInfo } from 'record-compat-runtime'

export default function NavBar({ title }) {
  // the state holds the object: the JSX may read any field of it
  const [sys] = useState(getSystemInfoSync())
  const info = getWindowInfo(), deviceInfo = getDeviceInfo()
  return (
    <View style={{ paddingTop: info.statusBarHeight, height: sys.windowWidth / 7.5 }}>
      <Text>{deviceInfo.platform === 'ios' ? title : sys.model}</Text>
    </View>
  )
}
