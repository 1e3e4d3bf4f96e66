/**
 * utils/voice.js
 * Copyright (c) 2017 Example Co.
 */
'use strict';

const config = require('../config');

function record(cb) {
  wx.startRecord({ success: cb });
}

function replay(file) {
  wx.playVoice({ filePath: file, duration: config.maxSeconds });
}

module.exports = { record, replay };
