import { Component } from 'react'
import Taro from '@tarojs/taro'
import { View, Button, Slider } from '@tarojs/components'

// A lesson player on the legacy background-audio API, as Taro 1/2 apps wrote it.
export default class LessonPlayer extends Component {
  state = { playing: false, position: 0 }

  componentDidMount() {
    Taro.onBackgroundAudioStop(() => this.setState({ playing: false }))
  }

  play = () => {
    Taro.playBackgroundAudio({
      dataUrl: this.props.lesson.audio,
      title: this.props.lesson.title,
      coverImgUrl: this.props.lesson.cover,
      success: () => this.setState({ playing: true })
    })
  }

  pause = () => {
    Taro.pauseBackgroundAudio()
    this.setState({ playing: false })
  }

  seek = (e) => {
    Taro.seekBackgroundAudio({ position: e.detail.value })
  }

  componentWillUnmount() {
    Taro.stopBackgroundAudio()
  }

  render() {
    return (
      <View>
        <Button onClick={this.state.playing ? this.pause : this.play}>{this.state.playing ? 'Pause' : 'Play'}</Button>
        <Slider value={this.state.position} onChange={this.seek} />
      </View>
    )
  }
}
