import { useState } from 'react'
import { Button, Canvas, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'

// A share poster drawn on the legacy canvas when the user asks for it, as poster
// code does: a context from Taro.createCanvasContext, style setters, a gradient,
// shapes and text, then draw() with a callback.
export default function Poster() {
  const [status, setStatus] = useState('idle')

  const onDrawTap = () => {
    const ctx = Taro.createCanvasContext('poster')
    const sky = ctx.createLinearGradient(0, 0, 0, 160)
    sky.addColorStop(0, '#1e90ff')
    sky.addColorStop(1, '#87cefa')
    ctx.setFillStyle(sky)
    ctx.fillRect(0, 0, 300, 160)
    ctx.setFillStyle('#07c160')
    ctx.fillRect(0, 160, 300, 40)
    ctx.beginPath()
    ctx.arc(240, 60, 25, 0, 2 * Math.PI)
    ctx.setFillStyle('#ffcc00')
    ctx.fill()
    ctx.setStrokeStyle('#ff0000')
    ctx.setLineWidth(6)
    ctx.strokeRect(20, 20, 100, 60)
    ctx.setFontSize(20)
    ctx.setFillStyle('#333333')
    ctx.setTextAlign('center')
    ctx.fillText('Voice notes', 150, 130)
    ctx.draw(false, () => setStatus('drawn'))
  }

  return (
    <View className='row'>
      <Canvas canvasId='poster' style={{ width: '300px', height: '200px' }} />
      <Button id='draw' onClick={onDrawTap}>Make the poster</Button>
      <Text id='status'>{status}</Text>
    </View>
  )
}
