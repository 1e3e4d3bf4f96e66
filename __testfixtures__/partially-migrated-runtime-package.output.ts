import { startRecord, stopRecord } from 'record-compat-runtime'

// Half-done migration: the start was moved to the runtime package by hand,
// the stop in the cleanup path was forgotten.
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
