/* global wx -- the mini-program global, as native component libraries read it */
function compareVersion(a, b) {
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const diff = Number(left[i] || 0) - Number(right[i] || 0);
    if (diff !== 0) return diff > 0 ? 1 : -1;
  }
  return 0;
}

// The base library's version, read off the global as native component libraries do.
export function canIUseModel() {
  const { SDKVersion } = wx.getSystemInfoSync();
  return compareVersion(SDKVersion, '2.9.3') >= 0;
}
