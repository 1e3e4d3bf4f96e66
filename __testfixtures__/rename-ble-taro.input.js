import Taro from '@tarojs/taro'

Taro.onBLEConnectionStateChanged((res) => console.log(res.connected))
