// Test helper: a fake Taro is passed in, so Taro here is a parameter.
interface FakeTaro {
  startRecord(opts: { success?: (r: { tempFilePath: string }) => void }): void
  stopRecord(): void
}

export function runScenario(Taro: FakeTaro, log: string[]) {
  Taro.startRecord({
    success: (r) => log.push('file:' + r.tempFilePath),
  })
  Taro.stopRecord()
  return log
}

export const stopWith = (Taro: FakeTaro) => Taro.stopRecord()
