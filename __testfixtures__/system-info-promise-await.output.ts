import { getSystemInfo, getSystemInfoWrapped, getSystemInfoAsync } from 'record-compat-runtime'

export async function theme(): Promise<string | undefined> {
  const res = await getSystemInfoWrapped()
  return res.theme
}

export function language(): Promise<string> {
  return getSystemInfoAsync().then((res) => res.language)
}

export function later(done: (width: number) => void): void {
  getSystemInfo({
    success: (res) => done(res.windowWidth),
    fail: () => done(375),
  })
}
