// A page in the manner of WeChat's canvas demo: a face drawn with arcs on one canvas, and on a second
// the rest of the legacy context: gradients, transforms inside save/restore, text, dashes, shadows.
Page({
  data: { drawn: false },

  onReady() {
    this.drawFace();
    this.drawTools();
  },

  drawFace() {
    const ctx = wx.createCanvasContext('face');
    ctx.setStrokeStyle('#1aad19');
    ctx.setLineWidth(6);
    ctx.strokeRect(10, 10, 200, 200);
    ctx.setStrokeStyle('#e64340');
    ctx.setLineWidth(3);
    ctx.beginPath();
    ctx.arc(110, 110, 70, 0, 2 * Math.PI, true);
    ctx.moveTo(155, 120);
    ctx.arc(110, 120, 45, 0, Math.PI, false);
    ctx.moveTo(92, 88);
    ctx.arc(85, 88, 7, 0, 2 * Math.PI, true);
    ctx.moveTo(142, 88);
    ctx.arc(135, 88, 7, 0, 2 * Math.PI, true);
    ctx.stroke();
    ctx.draw();
  },

  drawTools() {
    const ctx = wx.createCanvasContext('tools');
    const sky = ctx.createLinearGradient(0, 0, 300, 0);
    sky.addColorStop(0, '#ff9a9e');
    sky.addColorStop(0.5, '#fad0c4');
    sky.addColorStop(1, '#a1c4fd');
    ctx.setFillStyle(sky);
    ctx.fillRect(0, 0, 300, 80);

    const sun = ctx.createCircularGradient(240, 40, 30);
    sun.addColorStop(0, '#fff176');
    sun.addColorStop(1, 'rgba(255, 152, 0, 0)');
    ctx.setFillStyle(sun);
    ctx.fillRect(200, 0, 80, 80);

    ctx.save();
    ctx.translate(70, 150);
    ctx.rotate(Math.PI / 6);
    ctx.setFillStyle('#576b95');
    ctx.setShadow(4, 4, 6, 'rgba(0, 0, 0, 0.4)');
    ctx.fillRect(-30, -30, 60, 60);
    ctx.restore();

    ctx.setLineDash([10, 5], 2);
    ctx.setStrokeStyle('#353535');
    ctx.setLineWidth(2);
    ctx.beginPath();
    ctx.moveTo(140, 110);
    ctx.lineTo(290, 110);
    ctx.stroke();
    ctx.setLineDash([], 0);

    ctx.setFontSize(22);
    ctx.setFillStyle('#000000');
    ctx.setTextAlign('left');
    ctx.fillText('Hello', 140, 150);
    ctx.setFontSize(14);
    ctx.setTextAlign('right');
    ctx.setTextBaseline('top');
    ctx.fillText('legacy canvas', 290, 170);

    ctx.setGlobalAlpha(0.6);
    ctx.setFillStyle('#e64340');
    ctx.beginPath();
    ctx.moveTo(150, 230);
    ctx.quadraticCurveTo(200, 180, 250, 230);
    ctx.bezierCurveTo(230, 210, 170, 210, 150, 230);
    ctx.fill();
    ctx.draw(false, () => this.setData({ drawn: true }));
  },
});
