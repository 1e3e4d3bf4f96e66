import { useState } from 'react'
import { View, Button, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'

const MEMO_MS = 5000

// A five-second memo: stop from a timer, and read the file from an awaited call.
export default function Memo() {
  const [file, setFile] = useState('')
  const [error, setError] = useState('')
  const [played, setPlayed] = useState('')

  const onMemoTap = async () => {
    setTimeout(() => Taro.stopRecord(), MEMO_MS)
    try {
      const res = await Taro.startRecord({})
      setFile(res.tempFilePath)
    } catch (err: any) {
      setError(err.errMsg)
    }
  }

  // Listen to the memo with the current audio API.
  const onPlayTap = () => {
    const audio = Taro.createInnerAudioContext()
    audio.src = file
    audio.onPlay(() => setPlayed('playing'))
    audio.onEnded(() => {
      setPlayed('ended')
      audio.destroy()
    })
    audio.onError((err) => setError(err.errMsg))
    audio.play()
  }

  return (
    <View className='row'>
      <Button id='memo' onClick={onMemoTap}>Record a 5 s memo</Button>
      <Button id='play' onClick={onPlayTap} disabled={!file}>Play it</Button>
      <Text id='file'>{file}</Text>
      <Text id='played'>{played}</Text>
      <Text id='error'>{error}</Text>
    </View>
  )
}
