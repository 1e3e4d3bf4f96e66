import { startRecord, stopRecord } from 'record-compat-runtime'
// Defensive code for base libraries that might not have the API at all.
function safeStart(onEnd) {
  if (!wx.canIUse || !wx.canIUse('startRecord')) {
    console.warn('startRecord not available')
  }
  startRecord?.({
    success: (res) => onEnd(res.tempFilePath),
    fail: (e) => console.error(e),
  })
}

function safeStop() {
  stopRecord?.()
}

export { safeStart, safeStop }
