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
  })

  const play = () => {
    if (file) Taro.playVoice({ filePath: file })
  }

  return (
    <View className='voice-note'>
      {file ? <Text onClick={play}>▶ voice note</Text> : <Text>No note yet</Text>}
      {!path && (
        <Button onTouchStart={handleTouchStart} onTouchEnd={handleTouchEnd}>
          {holding ? 'Release to stop' : 'Hold to talk'}
        </Button>
      )}
    </View>
  )
}
