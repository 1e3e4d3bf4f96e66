import Taro from '@tarojs/taro'

// Taro is put in a lookup object; the call goes through api.rec.
const api = { rec: Taro, log: console }

export function startFromConfig(onFile: (path: string) => void): void {
  api.log.info('starting from config')
  api.rec.startRecord({
    success: (res) => onFile(res.tempFilePath),
  })
}

export function stopFromConfig() {
  api.rec.stopRecord()
}
