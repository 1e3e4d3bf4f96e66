// utils/recorder.js — thin wrapper the old voice pages share.
// Written before RecorderManager existed; wx is the global of the mini-program.

import { startRecord, stopRecord } from 'record-compat-runtime'

let recording = false

export function beginVoice(onDone, onError) {
  if (recording) return
  recording = true
  startRecord({
    success: function (res) {
      recording = false
      onDone && onDone(res.tempFilePath)
    },
    fail: function (err) {
      recording = false
      console.error('[recorder] startRecord failed', err)
      onError && onError(err)
    }
  })
}

export function endVoice() {
  // stopRecord makes the startRecord success above fire
  stopRecord()
}
