// pages/qr/qr.js: the context handed to a QR library the rewrite cannot see
import drawQrcode from '../../utils/weapp.qrcode'

Page({
  onReady() {
    const ctx = wx.createCanvasContext('qr')
    ctx.fillStyle = '#ffffff'
    ctx.fillRect(0, 0, 200, 200)
    drawQrcode({ ctx, text: 'https://example.com', width: 200, height: 200 })
  },
})
