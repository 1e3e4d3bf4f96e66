import { useState } from 'react'
import Taro, { useReady } from '@tarojs/taro'
import { View, Switch, Audio } from '@tarojs/components'

// The music is there only while sound is on: the context does nothing without its element
export default function Settings() {
  const [soundOn, setSoundOn] = useState(false)

  useReady(() => {
    Taro.createAudioContext('bgm').play()
  })

  return (
    <View>
      <Switch checked={soundOn} onChange={(e) => setSoundOn(e.detail.value)} />
      {soundOn && <Audio id='bgm' src='/audio/bgm.mp3' loop />}
    </View>
  )
}
