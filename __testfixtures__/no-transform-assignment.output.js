// test/setup.js — stubs for unit tests. These assign to the API, never call it.
global.wx = global.wx || {}

wx.startRecord = function (opts) {
  setTimeout(function () {
    opts && opts.success && opts.success({ tempFilePath: 'wxfile://tmp/fake.silk', errMsg: 'startRecord:ok' })
  }, 0)
}

wx.stopRecord = function () {}
