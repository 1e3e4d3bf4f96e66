'use strict';
var { startRecord, stopRecord } = require('record-compat-runtime');

/* A Node-style module in a native mini-program's utils folder. */

var RECORD_LIMIT_MS = 60 * 1000;
var timer = null;

function start(callback) {
  startRecord({
    success: function (res) {
      clearTimeout(timer);
      callback(null, res.tempFilePath);
    },
    fail: function (err) {
      clearTimeout(timer);
      callback(err);
    }
  });
  // belt and braces: the API stops at one minute anyway
  timer = setTimeout(function () {
    stopRecord();
  }, RECORD_LIMIT_MS);
}

module.exports.start = start;
