// pages/share/share.js: a poster drawn once the page is ready, then exported in the draw callback
Page({
  data: { title: 'Hello' },
  onReady() {
    const ctx = wx.createCanvasContext('poster')
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(0, 0, 300, 400)
    ctx.setFontSize(20)
    ctx.setTextAlign('center')
    ctx.fillText(this.data.title, 150, 60)
    ctx.draw(false, () => this.setData({ drawn: true }))
  },
})
