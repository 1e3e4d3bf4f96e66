// components/ec-canvas/wx-canvas.js style: property writes mapped back to setters by a computed name
Component({
  lifetimes: {
    ready() {
      const ctx = wx.createCanvasContext('ec', this)
      ctx.setLineJoin('round')
      ctx.setMiterLimit(4)
      for (const name of ['fillStyle', 'strokeStyle']) ctx['set' + name[0].toUpperCase() + name.slice(1)]('#333')
      ctx.setLineDash([4, 2], 0)
      ctx.draw()
    },
  },
})
