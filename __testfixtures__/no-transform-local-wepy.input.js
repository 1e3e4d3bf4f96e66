// An object of the app's own that happens to be named wepy, not wepy's module: not the legacy API.
const wepy = {
  startRecord(options) {
    return recorder.begin(options)
  },
  stopRecord() {
    return recorder.end()
  },
}

export function toggle(on) {
  return on ? wepy.startRecord({ format: 'mp3' }) : wepy.stopRecord()
}
