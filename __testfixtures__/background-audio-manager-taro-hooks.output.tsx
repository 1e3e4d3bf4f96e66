// A page of a project whose other pages still call playBackgroundAudio: its own manager is routed.
import { useEffect, useRef } from 'react'
import { View } from '@tarojs/components'
import { getBackgroundAudioManager } from 'record-compat-runtime'

export default function Radio({ url }: { url: string }) {
  const manager = useRef(getBackgroundAudioManager())
  useEffect(() => {
    manager.current.title = 'Radio'
    manager.current.src = url
    manager.current.onTimeUpdate(() => console.log(manager.current.currentTime))
  }, [url])
  return <View>Radio</View>
}
