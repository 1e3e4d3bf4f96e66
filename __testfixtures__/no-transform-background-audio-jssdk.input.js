// An Official Account page on the web JS-SDK (jweixin.js loaded by a script tag): its `wx` is not the mini-program's.
wx.config({ appId: 'wx123', timestamp: 1, nonceStr: 'n', signature: 's', jsApiList: ['playVoice', 'onVoicePlayEnd'] })

wx.ready(() => {
  document.querySelector('#play').addEventListener('click', () => {
    wx.playBackgroundAudio({ dataUrl: '/music.mp3' })
  })
})
