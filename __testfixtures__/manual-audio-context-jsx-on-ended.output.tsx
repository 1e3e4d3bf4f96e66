import Taro, { useReady } from '@tarojs/taro'
import { Audio } from '@tarojs/components'

// The component hears the end from <Audio onEnded>: the context alone cannot tell it
export default function Alarm({ onFinished }: { onFinished: () => void }) {
  useReady(() => {
    Taro.createAudioContext('alarm').play()
  })

  return <Audio id='alarm' src='/audio/alarm.mp3' onEnded={onFinished} />
}
