var { startRecord, stopRecord } = require("record-compat-runtime");
/* eslint-disable no-var */
// Compiled-looking CJS: the ES default export is read off require() directly.
var Taro = require("@tarojs/taro").default;

var MAX_TRIES = 2;

function recordWithRetry(tries, done) {
  startRecord({
    success: function (res) {
      done(null, res.tempFilePath);
    },
    fail: function (err) {
      if (tries < MAX_TRIES) {
        recordWithRetry(tries + 1, done);
      } else {
        done(err);
      }
    }
  });
}

exports.recordWithRetry = recordWithRetry;
exports.stop = function () {
  return stopRecord();
};
