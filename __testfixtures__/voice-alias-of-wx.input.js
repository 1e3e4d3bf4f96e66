// A short name for the mini-program API, never reassigned.
const api = wx

function togglePlayback(page) {
  if (page.data.playing) {
    api.pauseVoice()
  } else {
    api.playVoice({ filePath: page.data.file })
  }
  page.setData({ playing: !page.data.playing })
}

module.exports = { togglePlayback }
