import Taro from '@tarojs/taro'

export async function resume(url: string): Promise<number> {
  const state = await Taro.getBackgroundAudioPlayerState()
  if (state.status === 0 && state.dataUrl === url) {
    await Taro.playBackgroundAudio({ dataUrl: url })
    return state.currentPosition
  }
  return Taro.playBackgroundAudio({ dataUrl: url, title: 'Lesson' }).then(() => 0)
}
