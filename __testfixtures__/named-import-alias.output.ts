import { startRecord, stopRecord } from 'record-compat-runtime';

// Named imports, one of them renamed to keep call sites short.
const TEN_SECONDS = 10 * 1000;

export function recordTenSeconds(): Promise<string> {
  return new Promise((resolve, reject) => {
    startRecord({
      success: (res) => resolve(res.tempFilePath),
      fail: reject,
    });
    // legacy API has no duration option, so stop it by hand
    setTimeout(() => {
      stopRecord();
    }, TEN_SECONDS);
  });
}
