import Taro from '@tarojs/taro'

const MEMO_MS = 5000

interface MemoResult {
  tempFilePath: string
}

// A five-second memo: stop from a timer, the file through the callbacks.
// A plain TypeScript module (not a page): the rewrite reaches helpers as well as pages.
export function recordMemo (onFile: (path: string) => void, onError: (message: string) => void): void {
  setTimeout(() => Taro.stopRecord(), MEMO_MS)
  Taro.startRecord({
    success: (res: MemoResult) => onFile(res.tempFilePath),
    fail: (err: { errMsg: string }) => onError(err.errMsg),
  })
}
