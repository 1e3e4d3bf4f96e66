import { useState } from 'react'
import { View, Button, Text } from '@tarojs/components'
import Taro from '@tarojs/taro'

type Status = 'idle' | 'recording' | 'done' | 'failed' | 'denied'

// The pattern from Taro's own authorize() docs: ask for scope.record first,
// start recording once the user agreed.
export default function Index() {
  const [status, setStatus] = useState<Status>('idle')
  const [file, setFile] = useState('')
  const [error, setError] = useState('')
  const [playing, setPlaying] = useState(false)

  const record = () => {
    setStatus('recording')
    Taro.startRecord({
      success(res) {
        setFile(res.tempFilePath)
        setStatus('done')
      },
      fail(err) {
        setError(err.errMsg)
        setStatus('failed')
      },
    })
  }

  const onRecordTap = () => {
    setError('')
    Taro.getSetting({
      success(res) {
        if (!res.authSetting['scope.record']) {
          Taro.authorize({
            scope: 'scope.record',
            success() {
              // The user agreed: startRecord will not ask again.
              record()
            },
            fail(err) {
              setError(err.errMsg)
              setStatus('denied')
            },
          })
        } else {
          record()
        }
      },
    })
  }

  const onStopTap = () => {
    Taro.stopRecord()
  }

  // Play the recording back. success fires when the voice has played to its end.
  const onPlayTap = () => {
    setPlaying(true)
    Taro.playVoice({
      filePath: file,
      success() {
        setPlaying(false)
      },
      fail(err) {
        setError(err.errMsg)
        setPlaying(false)
      },
    })
  }

  // Playing the same file again after a pause resumes where it stopped.
  const onPauseTap = () => {
    Taro.pauseVoice()
  }

  const onStopVoiceTap = () => {
    Taro.stopVoice()
    setPlaying(false)
  }

  return (
    <View className='row'>
      <Button id='record' onClick={onRecordTap}>Record</Button>
      <Button id='stop' onClick={onStopTap}>Stop</Button>
      <Text id='status'>{status}</Text>
      <Text id='file'>{file}</Text>
      <Text id='error'>{error}</Text>
      <Button id='play' onClick={onPlayTap}>Play</Button>
      <Button id='pause' onClick={onPauseTap}>Pause</Button>
      <Button id='stopVoice' onClick={onStopVoiceTap}>Stop playing</Button>
      <Text id='playing'>{playing ? 'playing' : ''}</Text>
    </View>
  )
}
