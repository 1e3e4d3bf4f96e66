import Taro from '@tarojs/taro'

// showModal keeps coming from Taro; only getRecorderManager is routed.
const { getRecorderManager, showModal } = Taro

export function interview () {
  const rm = getRecorderManager()
  rm.onStop(() => showModal({ title: 'Done', content: 'Answer recorded' }))
  rm.start({ duration: 120000 })
}
