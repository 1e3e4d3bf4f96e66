const { base64ToArrayBuffer } = require('record-compat-runtime')
Page({
  onLoad(query) {
    const bytes = base64ToArrayBuffer(query.payload || '')
    this.setData({ size: bytes.byteLength })
  },
})
