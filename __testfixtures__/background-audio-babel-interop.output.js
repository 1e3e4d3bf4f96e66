"use strict";
var { playBackgroundAudio, pauseBackgroundAudio } = require("record-compat-runtime");

Object.defineProperty(exports, "__esModule", {
  value: true
});
exports.resumeMusic = resumeMusic;
exports.pauseMusic = pauseMusic;
var _taro = _interopRequireDefault(require("@tarojs/taro"));
// lib/music.js, as Babel compiles `import Taro from '@tarojs/taro'` to CommonJS.
function _interopRequireDefault(e) { return e && e.__esModule ? e : { default: e }; }
function resumeMusic(src) {
  playBackgroundAudio({
    dataUrl: src,
    title: 'Now playing'
  });
}
function pauseMusic() {
  pauseBackgroundAudio();
}
