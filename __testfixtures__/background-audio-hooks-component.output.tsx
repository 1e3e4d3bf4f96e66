import { useEffect, useState } from 'react'
import { useDidHide } from '@tarojs/taro'
import { View, Button } from '@tarojs/components'
import { playBackgroundAudio, pauseBackgroundAudio, stopBackgroundAudio, onBackgroundAudioPlay, onBackgroundAudioStop } from 'record-compat-runtime'

export default function Podcast({ url, title }: { url: string; title: string }) {
  const [playing, setPlaying] = useState(false)

  useEffect(() => {
    onBackgroundAudioPlay(() => setPlaying(true))
    onBackgroundAudioStop(() => setPlaying(false))
  }, [])

  useDidHide(() => pauseBackgroundAudio())

  return (
    <View>
      <Button onClick={() => playBackgroundAudio({ dataUrl: url, title })}>Play</Button>
      <Button onClick={stopBackgroundAudio}>Stop</Button>
      <View>{playing ? 'Playing' : 'Stopped'}</View>
    </View>
  )
}
