// The platform object is exported, under its name or another: other modules call
// startRecord and stopRecord through it.
import Taro from '@tarojs/taro'

export const recorderApi = Taro
export { Taro as platform }
export default Taro
