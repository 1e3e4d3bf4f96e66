export function watch(onChange: (connected: boolean) => void): void {
  wx.onBLEConnectionStateChange?.((res) => onChange(res.connected))
}
