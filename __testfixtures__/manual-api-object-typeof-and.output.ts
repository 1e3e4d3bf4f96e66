// Guarded for environments without wx: false there, wx on WeChat.
const api = typeof wx === 'object' && wx

export function statusBar(): number {
  if (!api) return 20
  const { statusBarHeight } = api.getSystemInfoSync()
  return statusBarHeight
}

export const { getSystemInfoSync } = wx || ({} as typeof wx)
