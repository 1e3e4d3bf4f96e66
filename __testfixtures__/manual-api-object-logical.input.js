// wx may be missing (unit tests, a web preview): fall back to an empty object.
const api = wx || {}

module.exports = {
  play(filePath) {
    api.playVoice({ filePath })
  },
  fetch(url) {
    return api.request({ url })
  },
}
