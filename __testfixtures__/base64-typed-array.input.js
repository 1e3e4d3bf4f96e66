Page({
  onTap() {
    const header = new Uint8Array([0x89, 0x50, 0x4e, 0x47])
    const view = new DataView(header.buffer, 1, 3)
    console.log(wx.arrayBufferToBase64(header), wx.arrayBufferToBase64(view))
  },
})
