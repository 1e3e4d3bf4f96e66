// Alipay's current name, QQ's, and the current name on wx: left as they are
my.onBLEConnectionStateChanged((res) => console.log(res.connected))
qq.onBLEConnectionStateChanged((res) => console.log(res.connected))
wx.onBLEConnectionStateChange((res) => console.log(res.connected))
