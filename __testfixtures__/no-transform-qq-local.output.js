// A question queue, not the QQ global: `qq` is a local binding here.
import { createQueue } from './queue'

const qq = createQueue()

export function enqueueRecording(id) {
  qq.startRecord(id)
  return () => qq.stopRecord(id)
}
