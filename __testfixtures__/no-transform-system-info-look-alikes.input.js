// Methods merely named so, and a local function of the name.
function getSystemInfo() {
  return { windowWidth: 375 }
}

const device = {
  getSystemInfoSync() {
    return { model: 'test' }
  },
}

Page({
  getSystemInfoAsync() {},
  onLoad() {
    console.log(getSystemInfo().windowWidth, device.getSystemInfoSync().model)
    this.getSystemInfoAsync()
  },
})
