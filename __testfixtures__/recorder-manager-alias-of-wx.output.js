const { getRecorderManager } = require('record-compat-runtime')
const api = wx

const rm = getRecorderManager()
rm.onError((err) => console.warn('recorder', err.errMsg))

module.exports = rm
