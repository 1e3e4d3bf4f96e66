import { playBackgroundAudio, getBackgroundAudioPlayerState } from 'record-compat-runtime'

export async function resume(url: string): Promise<number> {
  const state = await getBackgroundAudioPlayerState()
  if (state.status === 0 && state.dataUrl === url) {
    await playBackgroundAudio({ dataUrl: url })
    return state.currentPosition
  }
  return playBackgroundAudio({ dataUrl: url, title: 'Lesson' }).then(() => 0)
}
