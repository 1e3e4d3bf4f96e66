const Taro = require('@tarojs/taro')

function playRadio(url) {
  Taro.playBackgroundAudio({ dataUrl: url, title: 'Radio' })
}

function onRadioStop(cb) {
  Taro.onBackgroundAudioStop(cb)
}

module.exports = { playRadio, onRadioStop }
