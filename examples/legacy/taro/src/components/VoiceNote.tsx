import { useCallback, useState } from 'react'
import Taro, { useUnload } from '@tarojs/taro'
import { View, Button, Text } from '@tarojs/components'

interface VoiceNoteProps {
  path?: string
  onRecorded?: (path: string) => void
}

// A small self-contained recorder: hold the button to talk, release to stop.
export default function VoiceNote({ path, onRecorded }: VoiceNoteProps) {
  const [file, setFile] = useState<string | undefined>(path)
  const [holding, setHolding] = useState(false)
  const [playing, setPlaying] = useState(false)

  const handleTouchStart = useCallback(() => {
    setHolding(true)
    Taro.startRecord({
      success: (res: Taro.startRecord.SuccessCallbackResult) => {
        setFile(res.tempFilePath)
        onRecorded?.(res.tempFilePath)
      },
      complete: () => setHolding(false),
    })
  }, [onRecorded])

  const handleTouchEnd = useCallback(() => {
    Taro.stopRecord()
  }, [])

  useUnload(() => {
    Taro.stopRecord()
    Taro.stopVoice()
  })

  const play = () => {
    if (!file) return
    setPlaying(true)
    Taro.playVoice({
      filePath: file,
      // complete: the note has played to its end (or could not play)
      complete: () => setPlaying(false),
    })
  }

  const pause = () => {
    Taro.pauseVoice()
    setPlaying(false)
  }

  return (
    <View className='voice-note'>
      {file ? <Text onClick={playing ? pause : play}>{playing ? '❚❚ pause' : '▶ voice note'}</Text> : <Text>No note yet</Text>}
      {!path && (
        <Button onTouchStart={handleTouchStart} onTouchEnd={handleTouchEnd}>
          {holding ? 'Release to stop' : 'Hold to talk'}
        </Button>
      )}
    </View>
  )
}
