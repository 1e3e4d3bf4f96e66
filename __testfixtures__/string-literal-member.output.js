import { startRecord, stopRecord } from "record-compat-runtime"
// Someone wrote bracket access with string literals to dodge a lint rule
// about deprecated APIs. Still a static, known member.
export function talk(done) {
  startRecord({
    success(res) {
      done(res.tempFilePath)
    },
    fail(err) {
      console.log("record failed: " + err.errMsg)
    }
  })
}

export function hush() {
  stopRecord({})
}
