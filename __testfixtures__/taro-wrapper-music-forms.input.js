import Taro, { startRecord as record } from '@tarojs/taro'

const { playBackgroundAudio, getBackgroundAudioPlayerState, pauseBackgroundAudio } = Taro

export async function playFrom(url, seconds) {
  await playBackgroundAudio({ dataUrl: url, title: 'Lesson', success: () => console.log('accepted') })
  await Taro.seekBackgroundAudio({ position: seconds, fail: () => {} })
  const state = await getBackgroundAudioPlayerState({ success: (res) => console.log(res.status) })
  pauseBackgroundAudio()
  return state.currentPosition
}

export const recordOnce = () => record({ success: () => {} }).then((res) => res.tempFilePath)
