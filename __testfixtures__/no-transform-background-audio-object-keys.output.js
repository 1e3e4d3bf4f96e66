// An object whose keys are the API names: a mock, a table of labels, an adapter's own methods.
export const labels = {
  playBackgroundAudio: '播放',
  pauseBackgroundAudio: '暂停',
  getBackgroundAudioPlayerState: '状态'
}

export const fakeApi = {
  playBackgroundAudio(options) {
    options.success && options.success({ errMsg: 'playBackgroundAudio:ok' })
  },
  onBackgroundAudioStop() {}
}
