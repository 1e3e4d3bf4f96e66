import Taro from '@tarojs/taro'
import { playVoice, stopVoice, playBackgroundAudio } from 'record-compat-runtime'

// Two families chosen (voice, background-audio): the record calls stay as they are.
export function Player({ file }: { file: string }) {
  const play = () => playVoice({ filePath: file })
  const music = () => playBackgroundAudio({ dataUrl: file })
  const record = () => Taro.startRecord({ success: (res) => console.log(res.tempFilePath) })
  return <view onClick={play} onLongPress={record} onTouchEnd={() => { stopVoice(); music() }} />
}
