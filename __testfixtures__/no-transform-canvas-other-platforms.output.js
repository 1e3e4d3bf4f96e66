// Alipay, Douyin, Baidu and QQ keep their canvas context: never rewritten
export function drawEverywhere() {
  const a = my.createCanvasContext('c')
  a.setFillStyle('red')
  a.draw()
  const d = tt.createCanvasContext('c')
  d.setLineWidth(2)
  d.draw()
  const b = swan.createCanvasContext('c')
  b.setStrokeStyle('blue')
  b.draw()
  const q = qq.createCanvasContext('c')
  q.setGlobalAlpha(0.5)
  q.draw()
}
