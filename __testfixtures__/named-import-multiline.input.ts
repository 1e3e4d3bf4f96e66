import {
  showToast,
  startRecord as beginVoice,
  vibrateShort,
  stopRecord,
} from '@tarojs/taro'

// Re-exported for the older pages, and handed around in an object.
export { beginVoice }

export const recorderApi = { beginVoice, stopRecord, vibrateShort }

export function remind(): void {
  showToast({ title: 'recording' })
}
