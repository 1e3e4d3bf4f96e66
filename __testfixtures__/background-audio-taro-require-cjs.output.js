const { playBackgroundAudio, onBackgroundAudioStop } = require('record-compat-runtime')
const Taro = require('@tarojs/taro')

function playRadio(url) {
  playBackgroundAudio({ dataUrl: url, title: 'Radio' })
}

function onRadioStop(cb) {
  onBackgroundAudioStop(cb)
}

module.exports = { playRadio, onRadioStop }
