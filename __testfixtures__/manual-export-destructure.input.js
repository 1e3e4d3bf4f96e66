import Taro from '@tarojs/taro'

// Other modules import these names from here: removing them would break those imports.
export const { startRecord, stopRecord } = Taro
