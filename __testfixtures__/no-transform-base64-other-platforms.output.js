// Where the two are the platform's current API: left as they are.
export function encodeEverywhere(buffer) {
  return [
    my.arrayBufferToBase64(buffer),
    tt.arrayBufferToBase64(buffer),
    xhs.arrayBufferToBase64(buffer),
    uni.arrayBufferToBase64(buffer),
    qq.arrayBufferToBase64(buffer),
    swan.base64ToArrayBuffer('AAAA'),
  ]
}
