// wepy's module taken with require (a wepy 1.x mixin compiled to CommonJS): still its wrapper, for a person.
const wepy = require('wepy')

module.exports = {
  start(onDone) {
    wepy.startRecord({ success: (res) => onDone(res.tempFilePath) })
  },
  stop() {
    wepy.stopRecord()
  },
}
