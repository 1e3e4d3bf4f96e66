import Taro from '@tarojs/taro'
import { createAudioContext } from 'record-compat-runtime'

// one context for the page, kept outside it
let bgm = null

Page({
  data: { playing: false },

  onLoad() {
    bgm = createAudioContext({ id: 'bgm', src: '/audio/theme.mp3', loop: true })
  },

  toggle() {
    if (this.data.playing) bgm.pause()
    else bgm.play()
    this.setData({ playing: !this.data.playing })
  }
})
