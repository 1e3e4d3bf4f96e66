import Taro from '@tarojs/taro'
import { playBackgroundAudio, pauseBackgroundAudio, onBackgroundAudioPlay, onBackgroundAudioPause } from 'record-compat-runtime'

export function bindPlayer(page) {
  onBackgroundAudioPlay(() => page.setState({ playing: true }))
  onBackgroundAudioPause(() => page.setState({ playing: false }))
  return {
    play: (url) => playBackgroundAudio({ dataUrl: url }),
    pause: () => pauseBackgroundAudio()
  }
}
