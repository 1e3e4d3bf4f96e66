const base = require('./base-options')

Component({
  ...base,
  attached() {
    this.init()
  },
})
