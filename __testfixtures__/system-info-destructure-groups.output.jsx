import Taro from '@tarojs/taro'
import { View } from '@tarojs/components'
import { getWindowInfo, getDeviceInfo, getSystemInfoWrapped } from 'record-compat-runtime'

export default function Header() {
  const { windowWidth, statusBarHeight = 20 } = getWindowInfo(), { platform: os } = getDeviceInfo()
  const isIOS = os === 'ios'
  return (
    <View style={{ width: windowWidth, paddingTop: statusBarHeight }} onClick={() => getSystemInfoWrapped({ success: (res) => console.log(res.model) })}>
      {isIOS ? 'iOS' : 'Android'}
    </View>
  )
}
