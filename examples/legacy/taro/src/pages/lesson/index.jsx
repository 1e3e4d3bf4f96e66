import { Component } from 'react'
import Taro from '@tarojs/taro'
import { View, Button, Text } from '@tarojs/components'

const LESSON = { dataUrl: 'https://example.com/lessons/01.mp3', title: '第一课' }

// Listening page: the lesson plays in the background audio player, so it goes on
// with the screen off; the page polls the player for the position it shows.
export default class LessonPage extends Component {
  state = {
    playing: false,
    position: 0
  }

  componentDidMount () {
    Taro.onBackgroundAudioStop(() => this.setState({ playing: false, position: 0 }))
    this.timer = setInterval(() => this.poll(), 1000)
  }

  componentWillUnmount () {
    clearInterval(this.timer)
  }

  poll () {
    Taro.getBackgroundAudioPlayerState({
      success: (res) => this.setState({ playing: res.status === 1, position: res.currentPosition || 0 })
    })
  }

  onPlay = () => {
    Taro.playBackgroundAudio({
      ...LESSON,
      success: () => this.setState({ playing: true }),
      fail: () => Taro.showToast({ title: '播放失败', icon: 'none' })
    })
  }

  onPause = () => {
    Taro.pauseBackgroundAudio()
    this.setState({ playing: false })
  }

  render () {
    const { playing, position } = this.state
    return (
      <View className='lesson-page'>
        <Text>{LESSON.title} · {position} 秒</Text>
        <Button onClick={playing ? this.onPause : this.onPlay}>{playing ? '暂停' : '播放'}</Button>
      </View>
    )
  }
}
