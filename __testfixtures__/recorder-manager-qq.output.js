const { getRecorderManager } = require('record-compat-runtime')
// QQ mini-program: the platform global is qq.
const manager = getRecorderManager()

module.exports = {
  record() {
    manager.onStop(({ tempFilePath }) => console.log('saved', tempFilePath))
    manager.start({ duration: 10000 })
  }
}
