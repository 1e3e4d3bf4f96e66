var { getWindowInfo } = require('record-compat-runtime')
Component({
  lifetimes: {
    attached() {
      this.setData({ width: getWindowInfo().windowWidth })
    },
  },
})
