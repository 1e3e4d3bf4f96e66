const { arrayBufferToBase64 } = require('record-compat-runtime')
Page({
  onTap() {
    const header = new Uint8Array([0x89, 0x50, 0x4e, 0x47])
    const view = new DataView(header.buffer, 1, 3)
    console.log(arrayBufferToBase64(header), arrayBufferToBase64(view))
  },
})
