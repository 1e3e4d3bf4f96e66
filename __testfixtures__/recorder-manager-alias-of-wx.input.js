const api = wx

const rm = api.getRecorderManager()
rm.onError((err) => console.warn('recorder', err.errMsg))

module.exports = rm
