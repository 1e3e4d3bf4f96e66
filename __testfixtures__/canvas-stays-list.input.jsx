// Taro: one canvas per item, so its id repeats: left for a person, its setters written as properties
import Taro, { useReady } from '@tarojs/taro'
import { Canvas, View } from '@tarojs/components'

export default function Badges({ items }) {
  useReady(() => {
    const ctx = Taro.createCanvasContext('badge')
    ctx.setFillStyle('red')
    ctx.fillRect(0, 0, 20, 20)
    ctx.draw()
  })
  return <View>{items.map((item) => <Canvas key={item.id} canvasId='badge' />)}</View>
}
