Page({
  onLoad(query) {
    const bytes = wx['base64ToArrayBuffer'](query.payload || '')
    this.setData({ size: bytes.byteLength })
  },
})
