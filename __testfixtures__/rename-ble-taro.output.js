import Taro from '@tarojs/taro'

Taro.onBLEConnectionStateChange((res) => console.log(res.connected))
