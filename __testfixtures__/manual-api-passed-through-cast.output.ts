import Taro from '@tarojs/taro'
import { promisifyAll, withLogging } from '../lib/api-helpers'

// Newer typings of Taro no longer list startRecord, so the object is cast before it is
// handed to helpers that call the deprecated API through their parameter. A cast is the
// same value: each of these hands Taro on.
export const recorder = promisifyAll(Taro as any)
export const logged = withLogging(<any>Taro)
const checked = withLogging(Taro!)
const typed = withLogging(Taro satisfies object)
const kept = { api: (Taro as unknown) as Record<string, Function> }

// Ordinary uses are not reported: a call on the object, a cast read in place, a type.
export type TaroApi = typeof Taro
export const recorderManager = Taro.getRecorderManager()
export const isReady = typeof Taro === 'object'

export function stopAll(): void {
  checked.stopRecord()
  typed.stopRecord()
  kept.api.stopRecord()
  ;(Taro as any).offRecordStop?.()
}
