import {
  showToast,
  vibrateShort,
} from '@tarojs/taro'
import { startRecord, stopRecord } from 'record-compat-runtime'

// Re-exported for the older pages, and handed around in an object.
export { startRecord as beginVoice }

export const recorderApi = { beginVoice: startRecord, stopRecord, vibrateShort }

export function remind(): void {
  showToast({ title: 'recording' })
}
