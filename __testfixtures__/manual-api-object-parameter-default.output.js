// A helper that takes the API object, with wx by default; a test passes a fake.
export function playTheme(api = wx) {
  api.playBackgroundAudio({
    dataUrl: 'https://example.com/theme.mp3',
    title: 'Theme',
  })
}

export function pauseTheme({ pauseBackgroundAudio } = wx) {
  pauseBackgroundAudio()
}
