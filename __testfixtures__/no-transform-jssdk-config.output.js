// Official Account H5 page: configure the web JS-SDK, then record with it.
// `wx` here is the JS-SDK loaded from res.wx.qq.com, not a mini-program.
import { fetchSignature } from './api'

export async function initVoice() {
  const sig = await fetchSignature(location.href.split('#')[0])
  wx.config({
    debug: false,
    appId: sig.appId,
    timestamp: sig.timestamp,
    nonceStr: sig.nonceStr,
    signature: sig.signature,
    jsApiList: ['startRecord', 'stopRecord', 'onVoiceRecordEnd', 'uploadVoice']
  })
}

export function startVoice() {
  wx.startRecord({
    cancel() {
      alert('You refused to record')
    }
  })
}

export function stopVoice(cb) {
  wx.stopRecord({
    success(res) {
      const localId = res.localId
      cb(localId)
    }
  })
}
