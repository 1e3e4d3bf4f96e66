import { startRecord, stopRecord } from 'taro-plugin-record-compat/runtime'

// Half-done migration: the start was moved to the runtime by hand, from
// this package's former entry (as earlier versions wrote it); the stop in
// the cleanup path was forgotten. The new name joins that import.
export function record(onFile: (p: string) => void) {
  startRecord({
    success: (res) => onFile(res.tempFilePath),
  })
}

export function cleanup() {
  stopRecord({
    complete: () => console.log('recorder released'),
  })
}
