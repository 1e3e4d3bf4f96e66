// Douyin, Baidu, Alipay, JD and QQ: there getSystemInfo* is the platform's current API.
const width = tt.getSystemInfoSync().windowWidth
const height = swan.getSystemInfoSync().windowHeight
my.getSystemInfo({ success: (res) => console.log(res.platform) })
jd.getSystemInfoAsync({})
const ratio = qq.getSystemInfoSync().pixelRatio
uni.getSystemInfo({ success: (res) => console.log(res.model) })

module.exports = { width, height, ratio }
