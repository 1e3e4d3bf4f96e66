// A progress ring animated by a timer: each frame a new context, a grey track, the arc so far in a
// gradient with round caps, the percentage in the middle; draw() clears the frame before.
const CENTRE = 70;
const RADIUS = 54;

Page({
  data: { percent: 0 },

  onReady() {
    this.timer = setInterval(() => this.step(), 16);
  },

  onUnload() {
    clearInterval(this.timer);
  },

  step() {
    const percent = Math.min(100, this.data.percent + 3);
    this.setData({ percent });
    this.drawRing(percent);
    if (percent >= 100) clearInterval(this.timer);
  },

  drawRing(percent) {
    const ctx = wx.createCanvasContext('ring');
    ctx.setLineWidth(12);
    ctx.setStrokeStyle('#eeeeee');
    ctx.beginPath();
    ctx.arc(CENTRE, CENTRE, RADIUS, 0, 2 * Math.PI);
    ctx.stroke();

    const gradient = ctx.createLinearGradient(0, 0, 140, 140);
    gradient.addColorStop(0, '#36d1dc');
    gradient.addColorStop(1, '#5b86e5');
    ctx.setStrokeStyle(gradient);
    ctx.setLineCap('round');
    ctx.beginPath();
    ctx.arc(CENTRE, CENTRE, RADIUS, -Math.PI / 2, -Math.PI / 2 + (2 * Math.PI * percent) / 100);
    ctx.stroke();

    ctx.setFontSize(24);
    ctx.setFillStyle('#333333');
    ctx.setTextAlign('center');
    ctx.setTextBaseline('middle');
    ctx.fillText(percent + '%', CENTRE, CENTRE);
    ctx.draw();
  },
});
