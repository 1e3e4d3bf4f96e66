/**
 * utils/voice.js
 * Copyright (c) 2017 Example Co.
 */
'use strict';
var startRecord = require('record-compat-runtime').startRecord;
var playVoice = require('record-compat-runtime').playVoice;

const config = require('../config');

function record(cb) {
  startRecord({ success: cb });
}

function replay(file) {
  playVoice({ filePath: file, duration: config.maxSeconds });
}

module.exports = { record, replay };
