const { onBLEConnectionStateChanged } = wx

onBLEConnectionStateChanged((res) => console.log(res.connected))
