import { useEffect, useState } from 'react'
import { View, Button, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'

type Status = 'idle' | 'recording' | 'done' | 'failed'

// A page migrated by hand before the rest of the app: its own RecorderManager, held at the
// top of the module, with its own listeners, beside pages that still call startRecord. Both
// record with the one global manager; neither may take the other's events (docs/contract.md, Decision R12).
const recorderManager = Taro.getRecorderManager()

export default function Dictaphone() {
  const [status, setStatus] = useState<Status>('idle')
  const [file, setFile] = useState('')
  const [error, setError] = useState('')

  // Registered when the page loads: on WeChat each onX replaces that event's listener.
  useEffect(() => {
    recorderManager.onStart(() => setStatus('recording'))
    recorderManager.onStop((res) => {
      setFile(res.tempFilePath)
      setStatus('done')
    })
    recorderManager.onError((err) => {
      setError(err.errMsg)
      setStatus('failed')
    })
  }, [])

  const onStartTap = () => {
    setError('')
    recorderManager.start({ duration: 30000, format: 'mp3' })
  }

  const onStopTap = () => {
    recorderManager.stop()
  }

  return (
    <View className='row'>
      <Button id='start' onClick={onStartTap}>Start</Button>
      <Button id='stop' onClick={onStopTap}>Stop</Button>
      <Text id='status'>{status}</Text>
      <Text id='file'>{file}</Text>
      <Text id='error'>{error}</Text>
    </View>
  )
}
