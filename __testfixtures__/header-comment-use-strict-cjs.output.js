/**
 * utils/voice.js
 * Copyright (c) 2017 Example Co.
 */
'use strict';
const { startRecord, playVoice } = require('record-compat-runtime');

const config = require('../config');

function record(cb) {
  startRecord({ success: cb });
}

function replay(file) {
  playVoice({ filePath: file, duration: config.maxSeconds });
}

module.exports = { record, replay };
