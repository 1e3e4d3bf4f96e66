import { useEffect, useState } from 'react'
import { View } from '@tarojs/components'

export default function Device() {
  const [connected, setConnected] = useState(false)
  useEffect(() => {
    wx.onBLEConnectionStateChange((res) => setConnected(res.connected))
  }, [])
  return <View>{connected ? 'on' : 'off'}</View>
}
