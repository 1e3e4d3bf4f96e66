export function watch(onChange: (connected: boolean) => void): void {
  wx.onBLEConnectionStateChanged?.((res) => onChange(res.connected))
}
