/** A Taro hooks component whose `<Canvas>` is in its own JSX, so the codemod and the build both move it to Canvas 2D. */
export const RING_PAGE = `import Taro, { useReady } from '@tarojs/taro'
import { Canvas } from '@tarojs/components'

export default function Ring() {
  useReady(() => {
    const ctx = Taro.createCanvasContext('ring')
    ctx.setLineWidth(8)
    ctx.draw()
  })
  return <Canvas canvasId='ring' style={{ width: '100px' }} />
}
`;
