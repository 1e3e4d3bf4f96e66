var playBackgroundAudio = require('record-compat-runtime').playBackgroundAudio
var onBackgroundAudioStop = require('record-compat-runtime').onBackgroundAudioStop
const Taro = require('@tarojs/taro')

function playRadio(url) {
  playBackgroundAudio({ dataUrl: url, title: 'Radio' })
}

function onRadioStop(cb) {
  onBackgroundAudioStop(cb)
}

module.exports = { playRadio, onRadioStop }
