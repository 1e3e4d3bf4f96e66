import Taro from '@tarojs/taro'
import { getRecorderManager } from 'record-compat-runtime'

// showModal keeps coming from Taro; only getRecorderManager is routed.
const { showModal } = Taro

export function interview () {
  const rm = getRecorderManager()
  rm.onStop(() => showModal({ title: 'Done', content: 'Answer recorded' }))
  rm.start({ duration: 120000 })
}
