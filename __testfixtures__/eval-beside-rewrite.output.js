var { getWindowInfo } = require('record-compat-runtime')
// A direct eval may declare a variable of any name in its function (getWindowInfo
// too), so the call beside it is left; the other function is migrated.
function runScript(code) {
  eval(code)
  return wx.getSystemInfoSync().windowWidth
}

function width() {
  return getWindowInfo().windowWidth
}

module.exports = { runScript, width }
