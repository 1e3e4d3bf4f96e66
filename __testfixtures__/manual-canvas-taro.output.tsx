import Taro, { useReady } from '@tarojs/taro'
import { Canvas } from '@tarojs/components'

export default function Ring({ percent }: { percent: number }) {
  useReady(() => {
    const ctx = Taro.createCanvasContext('ring')
    ctx.setLineWidth(8)
    ctx.arc(50, 50, 40, 0, 2 * Math.PI * percent)
    ctx.stroke()
    ctx.draw()
  })
  return <Canvas canvasId='ring' style={{ width: '100px', height: '100px' }} />
}
