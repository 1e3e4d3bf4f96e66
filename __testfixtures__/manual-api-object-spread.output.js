// The API object copied, with a helper of the app's own beside its methods.
const api = { ...wx, vibrate: () => wx.vibrateShort({ type: 'light' }) }

Page({
  onReady() {
    this.audio = api.createAudioContext('player')
  },
})
