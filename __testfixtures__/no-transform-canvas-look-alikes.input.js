// Canvas 2D, Alipay's context and a PDF document: none of them the legacy context
import jsPDF from 'jspdf'

export function draw(canvas) {
  const ctx = canvas.getContext('2d')
  ctx.fillStyle = '#fff'
  ctx.fillRect(0, 0, 10, 10)
  const alipay = my.createCanvasContext('c')
  alipay.setFillStyle('red')
  alipay.draw()
  const doc = new jsPDF()
  doc.setFontSize(12)
  doc.text('hello', 10, 10)
}
