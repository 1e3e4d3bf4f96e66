// A generic "call any API by name" helper; the name is only known at runtime
// here, even though it always holds 'startRecord' in practice.
const ACTION = 'startRecord'

export function invoke(name, opts) {
  return wx[name](opts)
}

export function recordViaTable(done) {
  const method = ACTION
  wx[method]({
    success: (res) => done(res.tempFilePath)
  })
}
