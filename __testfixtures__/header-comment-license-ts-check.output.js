/*!
 * voice-kit 1.2.0
 * (c) 2019 Example Co. | MIT License
 */
// @ts-check
const { startRecord } = require('record-compat-runtime')
const { format } = require('./format')

/** Records a note, then hands its file to `done`. */
function record(done) {
  startRecord({ success: (res) => done(format(res.tempFilePath)) })
}

module.exports = { record }
