import Taro from '@tarojs/taro'

// one context for the page, kept outside it
let bgm = null

Page({
  data: { playing: false },

  onLoad() {
    bgm = Taro.createAudioContext('bgm')
  },

  toggle() {
    if (this.data.playing) bgm.pause()
    else bgm.play()
    this.setData({ playing: !this.data.playing })
  }
})
