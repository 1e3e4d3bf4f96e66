// components/voice-button/voice-button.js
var { startRecord, stopRecord } = require('record-compat-runtime')

Component({
  options: {
    addGlobalClass: true
  },

  properties: {
    disabled: { type: Boolean, value: false }
  },

  data: {
    pressing: false
  },

  methods: {
    onPress() {
      if (this.properties.disabled) return
      this.setData({ pressing: true })
      startRecord({
        success: res => {
          this.triggerEvent('voice', { path: res.tempFilePath })
        },
        complete: () => {
          this.setData({ pressing: false })
        }
      })
    },

    onRelease() {
      stopRecord()
    }
  }
})
