// The API object through an expression, but no deprecated API called through it.
const api = wx || {}
const copy = { ...wx }
const own = { ...wx, startRecord: () => Promise.resolve({ tempFilePath: 'fake.mp3' }) }
const guarded = typeof wx === 'object' && wx

module.exports = {
  fetch(url) {
    return api.request({ url })
  },
  token() {
    return copy.getStorageSync('token')
  },
  fake() {
    return own.startRecord()
  },
  scan() {
    return guarded && guarded.scanCode({})
  },
}
