import Taro from '@tarojs/taro';
import { startRecord, stopRecord } from 'record-compat-runtime';

/**
 * Promise chain style. No callbacks are passed, so a Promise comes back.
 */
export function recordThenUpload(uploadUrl) {
  return startRecord()
    .then(res => {
      return Taro.uploadFile({
        url: uploadUrl,
        filePath: res.tempFilePath,
        name: 'voice',
      });
    })
    .then(uploadRes => JSON.parse(uploadRes.data))
    .catch(err => {
      Taro.showToast({ title: 'Upload failed', icon: 'none' });
      return Promise.reject(err);
    });
}

export const stopNow = () => stopRecord().then(() => console.log('stopped'));
