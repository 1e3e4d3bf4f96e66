import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'

export default function Header() {
  const { windowWidth, statusBarHeight = 20, platform: os } = Taro.getSystemInfoSync()
  const isIOS = os === 'ios'
  return (
    <View style={{ width: windowWidth, paddingTop: statusBarHeight }} onClick={() => Taro.getSystemInfo({ success: (res) => console.log(res.model) })}>
      {isIOS ? 'iOS' : 'Android'}
    </View>
  )
}
