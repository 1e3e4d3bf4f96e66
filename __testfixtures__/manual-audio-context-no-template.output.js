// A helper module: the page it runs in, and its template, are not known here
module.exports = function playById(id) {
  const ctx = wx.createAudioContext('shared-player')
  ctx.play()
  return ctx
}
