var playBackgroundAudio = require('taro-plugin-record-compat/runtime').playBackgroundAudio
var onBackgroundAudioStop = require('taro-plugin-record-compat/runtime').onBackgroundAudioStop
const Taro = require('@tarojs/taro')

function playRadio(url) {
  playBackgroundAudio({ dataUrl: url, title: 'Radio' })
}

function onRadioStop(cb) {
  onBackgroundAudioStop(cb)
}

module.exports = { playRadio, onRadioStop }
