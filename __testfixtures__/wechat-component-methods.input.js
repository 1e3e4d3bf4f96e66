// components/voice-button/voice-button.js
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
      wx.startRecord({
        success: res => {
          this.triggerEvent('voice', { path: res.tempFilePath })
        },
        complete: () => {
          this.setData({ pressing: false })
        }
      })
    },

    onRelease() {
      wx.stopRecord()
    }
  }
})
