// A signature pad: a white ground, then at every move the segment since the last point, stroked and
// drawn at once with draw(true), so that the line follows the finger.
Page({
  data: { signed: false },

  onReady() {
    this.ctx = wx.createCanvasContext('signature');
    this.ctx.setFillStyle('#ffffff');
    this.ctx.fillRect(0, 0, 320, 200);
    this.ctx.draw();
  },

  touchStart(e) {
    const { x, y } = e.touches[0];
    const ctx = this.ctx;
    ctx.setStrokeStyle('#1a1a1a');
    ctx.setLineWidth(4);
    ctx.setLineCap('round');
    ctx.setLineJoin('round');
    ctx.beginPath();
    ctx.moveTo(x, y);
    this.last = { x, y };
  },

  touchMove(e) {
    const { x, y } = e.touches[0];
    const ctx = this.ctx;
    ctx.moveTo(this.last.x, this.last.y);
    ctx.lineTo(x, y);
    ctx.stroke();
    ctx.draw(true);
    this.last = { x, y };
  },

  touchEnd() {
    this.setData({ signed: true });
  },
});
