import Taro from '@tarojs/taro'

const { playBackgroundAudio, pauseBackgroundAudio, onBackgroundAudioPlay, onBackgroundAudioPause } = Taro

export function bindPlayer(page) {
  onBackgroundAudioPlay(() => page.setState({ playing: true }))
  onBackgroundAudioPause(() => page.setState({ playing: false }))
  return {
    play: (url) => playBackgroundAudio({ dataUrl: url }),
    pause: () => pauseBackgroundAudio()
  }
}
