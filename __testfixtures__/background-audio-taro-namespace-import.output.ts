import { playBackgroundAudio, seekBackgroundAudio, stopBackgroundAudio } from 'record-compat-runtime'

export const music = {
  play(dataUrl: string) {
    return playBackgroundAudio({ dataUrl })
  },
  seek(seconds: number) {
    return seekBackgroundAudio({ position: seconds })
  },
  stop() {
    stopBackgroundAudio()
  },
}
