import Taro from '@tarojs/taro'

export function moveTo(latitude: number, longitude: number): void {
  const map = Taro.createMapContext('map')
  map.translateMarker({ markerId: 1, destination: { latitude, longitude }, autoRotate: false, rotate: 90, duration: 500 })
}
