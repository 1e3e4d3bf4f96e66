// A QR code as legacy pages draw it: the matrix from an encoder, one fillRect per dark module (sizes
// rounded so that modules meet), a logo in the middle.
const qrcode = require('qrcode-generator');

const SIZE = 220;
const MARGIN = 10;

Page({
  data: { ticket: 'https://tickets.example.com/t/20240601-0042?seat=B12', drawn: false },

  onReady() {
    const qr = qrcode(0, 'H');
    qr.addData(this.data.ticket);
    qr.make();
    const count = qr.getModuleCount();
    const cell = (SIZE - 2 * MARGIN) / count;
    const ctx = wx.createCanvasContext('qr');
    ctx.setFillStyle('#ffffff');
    ctx.fillRect(0, 0, SIZE, SIZE);
    ctx.setFillStyle('#111111');
    for (let row = 0; row < count; row++) {
      for (let col = 0; col < count; col++) {
        if (!qr.isDark(row, col)) continue;
        const x = Math.round(MARGIN + col * cell);
        const y = Math.round(MARGIN + row * cell);
        ctx.fillRect(x, y, Math.ceil(MARGIN + (col + 1) * cell) - x, Math.ceil(MARGIN + (row + 1) * cell) - y);
      }
    }
    ctx.setFillStyle('#ffffff');
    ctx.fillRect(SIZE / 2 - 24, SIZE / 2 - 24, 48, 48);
    ctx.drawImage('/images/logo.png', SIZE / 2 - 20, SIZE / 2 - 20, 40, 40);
    ctx.draw(false, () => this.setData({ drawn: true }));
  },
});
