import Taro from '@tarojs/taro'

export function detectWeCom(done: (inWeCom: boolean) => void) {
  Taro.getSystemInfo({
    success(res) {
      done(res.environment === 'wxwork')
    },
  })
}

export async function inWeCom() {
  return (await Taro.getSystemInfo()).environment === 'wxwork'
}

// handed to a function the rewrite does not follow, and the file reads environment: it may be that read
export function logInfo() {
  Taro.getSystemInfoAsync({ success: report })
}

function report(info: { environment?: string }) {
  console.log(info.environment)
}
