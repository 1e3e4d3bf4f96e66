// The page configures the web JS-SDK for voice playback; every wx here is the JS-SDK.
import { signature } from './sign'

export function setup() {
  wx.config({
    appId: signature.appId,
    timestamp: signature.timestamp,
    nonceStr: signature.nonceStr,
    signature: signature.value,
    jsApiList: ['playVoice', 'pauseVoice', 'stopVoice']
  })
}

export function stop() {
  wx.stopVoice()
}
