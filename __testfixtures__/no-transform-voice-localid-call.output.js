// Only the JS-SDK's playVoice({ localId }) here, no other JS-SDK signal: still not a
// mini-program call, so nothing changes.
export function replay(voice) {
  wx.playVoice({ localId: voice.id })
}
