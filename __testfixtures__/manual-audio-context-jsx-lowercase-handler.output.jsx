import { useRef, useState } from 'react'
import Taro, { useReady } from '@tarojs/taro'
import { View, Button, Audio } from '@tarojs/components'

// Taro binds `onended` as it binds `onEnded`: the page hears the end of the chime
export default function Chime() {
  const chime = useRef(null)
  const [rung, setRung] = useState(false)

  useReady(() => {
    chime.current = Taro.createAudioContext('chime')
  })

  return (
    <View>
      <Audio id='chime' src='/audio/chime.mp3' onended={() => setRung(true)} />
      <Button onClick={() => chime.current.play()}>{rung ? 'Again' : 'Ring'}</Button>
    </View>
  )
}
