// components/chart/chart.js: the canvas id comes from the component's data, as the template binds it
Component({
  data: { canvasId: 'chart' },
  lifetimes: {
    attached() {
      const ctx = wx.createCanvasContext(this.data.canvasId, this)
      ctx.setShadow(2, 2, 4, 'rgba(0, 0, 0, 0.3)')
      ctx.fillRect(10, 10, 50, 50)
      ctx.draw()
    },
  },
})
