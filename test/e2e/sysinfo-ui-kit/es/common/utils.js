import Taro from '@tarojs/taro';

// Read once and kept, as UI libraries keep it.
let systemInfo;

export function getSystemInfoSync() {
  if (systemInfo == null) {
    systemInfo = Taro.getSystemInfoSync();
  }
  return systemInfo;
}

export function addUnit(value) {
  return typeof value === 'number' ? value + 'px' : value;
}
