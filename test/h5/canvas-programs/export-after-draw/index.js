// canvasToTempFilePath where the documentation says to call it, in the draw callback: the badge is
// exported, then the file is drawn on a second canvas at half size.
Page({
  data: { exported: '', previewed: false },

  onReady() {
    const ctx = wx.createCanvasContext('badge');
    const ground = ctx.createCircularGradient(100, 100, 95);
    ground.addColorStop(0, '#ffd54f');
    ground.addColorStop(1, '#ff8f00');
    ctx.setFillStyle(ground);
    ctx.beginPath();
    ctx.arc(100, 100, 95, 0, 2 * Math.PI);
    ctx.fill();

    ctx.setFillStyle('#ffffff');
    ctx.beginPath();
    for (let i = 0; i < 10; i++) {
      const r = i % 2 ? 30 : 70;
      const a = -Math.PI / 2 + (i * Math.PI) / 5;
      ctx.lineTo(100 + r * Math.cos(a), 95 + r * Math.sin(a));
    }
    ctx.closePath();
    ctx.fill();

    ctx.setFontSize(18);
    ctx.setFillStyle('#5d4037');
    ctx.setTextAlign('center');
    ctx.fillText('GOLD', 100, 180);

    ctx.draw(false, () => {
      wx.canvasToTempFilePath({
        canvasId: 'badge',
        fileType: 'png',
        success: (res) => {
          this.setData({ exported: res.tempFilePath });
          const preview = wx.createCanvasContext('preview');
          preview.drawImage(res.tempFilePath, 0, 0, 100, 100);
          preview.draw(false, () => this.setData({ previewed: true }));
        },
      });
    });
  },
});
