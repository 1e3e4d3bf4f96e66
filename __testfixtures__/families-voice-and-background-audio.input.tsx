import Taro, { stopVoice } from '@tarojs/taro'

// Two families chosen (voice, background-audio): the record calls stay as they are.
export function Player({ file }: { file: string }) {
  const play = () => Taro.playVoice({ filePath: file })
  const music = () => Taro.playBackgroundAudio({ dataUrl: file })
  const record = () => Taro.startRecord({ success: (res) => console.log(res.tempFilePath) })
  return <view onClick={play} onLongPress={record} onTouchEnd={() => { stopVoice(); music() }} />
}
