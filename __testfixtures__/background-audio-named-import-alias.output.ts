import { playBackgroundAudio, pauseBackgroundAudio, getBackgroundAudioPlayerState } from 'record-compat-runtime'

export function toggle(url: string, title: string): void {
  getBackgroundAudioPlayerState({
    success(res) {
      if (res.status === 1) pauseBackgroundAudio()
      else playBackgroundAudio({ dataUrl: url, title })
    },
  })
}
