// Official Account page: play a voice recorded with the web JS-SDK.
// onVoicePlayEnd exists only in the web JS-SDK.
export function playLast(localId, onEnd) {
  wx.playVoice({ localId })
  wx.onVoicePlayEnd({
    success: (res) => onEnd(res.localId)
  })
}

export function pause(localId) {
  wx.pauseVoice({ localId: localId })
}
