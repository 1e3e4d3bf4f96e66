// a device object of the app's own
import device from './device'

device.onBLEConnectionStateChanged = (res) => console.log(res)
device.onBLEConnectionStateChanged({ connected: true })
