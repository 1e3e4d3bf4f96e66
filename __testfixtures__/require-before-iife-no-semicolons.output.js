// A script in a file without semicolons whose first statement opens with `(`: the added
// require line needs a `;` of its own, or JavaScript would call its result with the function.

var { startRecord, stopRecord } = require('record-compat-runtime');

(function () {
  var holding = false

  function press() {
    holding = true
    startRecord({
      success: function (res) {
        console.log('recorded', res.tempFilePath)
      }
    })
  }

  function release() {
    if (holding) stopRecord()
    holding = false
  }

  module.exports = { press, release }
})()
