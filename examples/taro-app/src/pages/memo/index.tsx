import { useState } from 'react'
import { View, Button, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'

const MEMO_MS = 5000

// A five-second memo: stop from a timer, and read the file from an awaited call.
export default function Memo() {
  const [file, setFile] = useState('')
  const [error, setError] = useState('')
  const [listened, setListened] = useState(false)

  const onMemoTap = async () => {
    setTimeout(() => Taro.stopRecord(), MEMO_MS)
    try {
      const res = await Taro.startRecord({})
      setFile(res.tempFilePath)
    } catch (err: any) {
      setError(err.errMsg)
    }
  }

  // Listen to the memo: the awaited call returns once it has played to the end.
  const onListenTap = async () => {
    try {
      await Taro.playVoice({ filePath: file })
      setListened(true)
    } catch (err: any) {
      setError(err.errMsg)
    }
  }

  return (
    <View className='row'>
      <Button id='memo' onClick={onMemoTap}>Record a 5 s memo</Button>
      <Text id='file'>{file}</Text>
      <Text id='error'>{error}</Text>
      <Button id='listen' onClick={onListenTap}>Listen</Button>
      <Text id='listened'>{listened ? 'listened' : ''}</Text>
    </View>
  )
}
