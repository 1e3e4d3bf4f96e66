const { getDeviceInfo, getSystemSetting } = require('record-compat-runtime')
const api = wx

Component({
  methods: {
    device() {
      return getDeviceInfo().model + ' ' + getDeviceInfo().system
    },
    settings() {
      const { wifiEnabled, bluetoothEnabled } = getSystemSetting()
      return wifiEnabled && bluetoothEnabled
    },
  },
})
