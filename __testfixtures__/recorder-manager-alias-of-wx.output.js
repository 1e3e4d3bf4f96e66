var getRecorderManager = require('record-compat-runtime').getRecorderManager
const api = wx

const rm = getRecorderManager()
rm.onError((err) => console.warn('recorder', err.errMsg))

module.exports = rm
