import { Component } from 'react'
import Taro from '@tarojs/taro'
import { View, Button, Slider } from '@tarojs/components'
import { playBackgroundAudio, pauseBackgroundAudio, seekBackgroundAudio, stopBackgroundAudio, onBackgroundAudioStop } from 'record-compat-runtime'

// A lesson player on the legacy background-audio API, as Taro 1/2 apps wrote it.
export default class LessonPlayer extends Component {
  state = { playing: false, position: 0 }

  componentDidMount() {
    onBackgroundAudioStop(() => this.setState({ playing: false }))
  }

  play = () => {
    playBackgroundAudio({
      dataUrl: this.props.lesson.audio,
      title: this.props.lesson.title,
      coverImgUrl: this.props.lesson.cover,
      success: () => this.setState({ playing: true })
    })
  }

  pause = () => {
    pauseBackgroundAudio()
    this.setState({ playing: false })
  }

  seek = (e) => {
    seekBackgroundAudio({ position: e.detail.value })
  }

  componentWillUnmount() {
    stopBackgroundAudio()
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
