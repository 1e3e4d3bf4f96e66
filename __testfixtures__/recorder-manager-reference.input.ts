import Taro from '@tarojs/taro'

// Not called here: handed to a factory that calls it later.
const managerFactory = Taro.getRecorderManager

export const services = {
  recorder: wx.getRecorderManager,
  make: () => managerFactory(),
}
