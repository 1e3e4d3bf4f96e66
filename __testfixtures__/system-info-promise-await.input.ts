import { getSystemInfo, getSystemInfoAsync } from '@tarojs/taro'

export async function theme(): Promise<string | undefined> {
  const res = await getSystemInfo()
  return res.theme
}

export function language(): Promise<string> {
  return getSystemInfoAsync().then((res) => res.language)
}

export function later(done: (width: number) => void): void {
  wx.getSystemInfo({
    success: (res) => done(res.windowWidth),
    fail: () => done(375),
  })
}
