import { useEffect, useState } from 'react'
import Taro, { useDidHide } from '@tarojs/taro'
import { View, Button } from '@tarojs/components'

export default function Podcast({ url, title }: { url: string; title: string }) {
  const [playing, setPlaying] = useState(false)

  useEffect(() => {
    Taro.onBackgroundAudioPlay(() => setPlaying(true))
    Taro.onBackgroundAudioStop(() => setPlaying(false))
  }, [])

  useDidHide(() => Taro.pauseBackgroundAudio())

  return (
    <View>
      <Button onClick={() => Taro.playBackgroundAudio({ dataUrl: url, title })}>Play</Button>
      <Button onClick={Taro.stopBackgroundAudio}>Stop</Button>
      <View>{playing ? 'Playing' : 'Stopped'}</View>
    </View>
  )
}
