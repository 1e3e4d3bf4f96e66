const { playVoice, pauseVoice } = require('record-compat-runtime')
// A short name for the mini-program API, never reassigned.
const api = wx

function togglePlayback(page) {
  if (page.data.playing) {
    pauseVoice()
  } else {
    playVoice({ filePath: page.data.file })
  }
  page.setData({ playing: !page.data.playing })
}

module.exports = { togglePlayback }
