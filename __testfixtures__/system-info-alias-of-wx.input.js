const api = wx

Component({
  methods: {
    device() {
      return api.getSystemInfoSync().model + ' ' + api.getSystemInfoSync().system
    },
    settings() {
      const { wifiEnabled, bluetoothEnabled } = api.getSystemInfoSync()
      return wifiEnabled && bluetoothEnabled
    },
  },
})
