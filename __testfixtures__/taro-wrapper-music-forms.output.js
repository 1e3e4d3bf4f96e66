import Taro from '@tarojs/taro'
import { startRecordWrapped, playBackgroundAudioWrapped, pauseBackgroundAudio, seekBackgroundAudioWrapped, getBackgroundAudioPlayerStateWrapped } from 'record-compat-runtime'

export async function playFrom(url, seconds) {
  await playBackgroundAudioWrapped({ dataUrl: url, title: 'Lesson', success: () => console.log('accepted') })
  await seekBackgroundAudioWrapped({ position: seconds, fail: () => {} })
  const state = await getBackgroundAudioPlayerStateWrapped({ success: (res) => console.log(res.status) })
  pauseBackgroundAudio()
  return state.currentPosition
}

export const recordOnce = () => startRecordWrapped({ success: () => {} }).then((res) => res.tempFilePath)
