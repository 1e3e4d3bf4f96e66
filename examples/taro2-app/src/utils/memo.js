import Taro from '@tarojs/taro'

const MEMO_MS = 5000

// A five-second memo: stop from a timer, the file through the callbacks.
// A plain module (not a page): the rewrite reaches helpers as well as pages.
export function recordMemo (onFile, onError) {
  setTimeout(() => Taro.stopRecord(), MEMO_MS)
  Taro.startRecord({
    success: (res) => onFile(res.tempFilePath),
    fail: (err) => onError(err.errMsg),
  })
}
