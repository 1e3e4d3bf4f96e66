// wepy 1.x: its default export carries every wx API (promisified after wepy.use('promisify')).
// The rewrite does not know which wrapper the app set up, so each call is left for a person.
import wepy from 'wepy'

export async function recordFor(seconds) {
  setTimeout(() => wepy.stopRecord(), seconds * 1000)
  const res = await wepy.startRecord()
  wepy.showToast({ title: 'saved' })
  return res.tempFilePath
}
