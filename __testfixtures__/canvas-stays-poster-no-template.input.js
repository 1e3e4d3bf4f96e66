// pages/share/share.js: a share poster drawn on the legacy canvas, as poster pages draw it
Page({
  data: { width: 300, height: 480 },

  onReady() {
    const { width, height } = this.data
    const ctx = wx.createCanvasContext('poster', this)
    ctx.save()
    ctx.clearRect(0, 0, width, height)
    ctx.setGlobalAlpha(1)
    ctx.rect(0, 0, width, height)
    ctx.setFillStyle('#fff')
    ctx.fill()

    // the photo, its corners rounded
    ctx.beginPath()
    ctx.moveTo(20, 10)
    ctx.arcTo(280, 10, 280, 30, 10)
    ctx.quadraticCurveTo(280, 300, 260, 300)
    ctx.bezierCurveTo(100, 300, 40, 300, 20, 280)
    ctx.closePath()
    ctx.clip()
    ctx.drawImage(this.data.photo, 20, 10, 260, 290)
    ctx.restore()

    // a badge, turned and scaled
    ctx.translate(240, 330)
    ctx.rotate(Math.PI / 12)
    ctx.scale(1.2, 1.2)
    ctx.setTransform(1, 0, 0, 1, 0, 0)
    ctx.transform(1, 0, 0, 1, 0, 0)
    const glow = ctx.createCircularGradient(240, 330, 30)
    glow.addColorStop(0, '#ffd700')
    ctx.setFillStyle(glow)
    ctx.setShadow(2, 2, 6, 'rgba(0, 0, 0, 0.3)')

    // the title, wrapped by its measured width
    ctx.setFontSize(16)
    ctx.setTextBaseline('top')
    const words = this.data.title.split(' ')
    let line = ''
    let y = 320
    for (const word of words) {
      if (ctx.measureText(line + word).width > 200) {
        ctx.strokeText(line, 20, y)
        line = ''
        y += 22
      }
      line += word + ' '
    }

    // the frame, dashed
    ctx.setLineDash([4, 2], 0)
    ctx.setLineJoin('round')
    ctx.setMiterLimit(4)
    ctx.strokeRect(10, 10, width - 20, height - 20)
    ctx.setFillStyle(ctx.createPattern('/images/paper.png', 'repeat'))
    ctx.draw(true)
  },
})
