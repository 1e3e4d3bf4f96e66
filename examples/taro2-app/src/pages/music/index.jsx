import Taro, { Component } from '@tarojs/taro'
import { View, Button, Text } from '@tarojs/components'

const SONGS = ['https://cdn.example.com/music/a.mp3', 'https://cdn.example.com/music/b.mp3']

// Background music the Taro 2 way: the legacy background-audio API, its results taken as
// Promises, beside the app's own getBackgroundAudioManager() for the end of a track.
export default class Music extends Component {
  config = {
    navigationBarTitleText: 'Music',
  }

  state = {
    index: 0,
    status: 2,
    position: 0,
    stops: 0,
    ownEnded: 0,
    seeked: '',
    errors: '',
  }

  componentDidMount () {
    Taro.onBackgroundAudioStop(() => {
      this.setState({ stops: this.state.stops + 1 })
      if (this.autoNext) this.next()
    })
    this.bam = Taro.getBackgroundAudioManager()
    this.bam.onEnded(() => this.setState({ ownEnded: this.state.ownEnded + 1 }))
    this.timer = setInterval(() => this.poll(), 1000)
  }

  componentWillUnmount () {
    clearInterval(this.timer)
  }

  poll () {
    Taro.getBackgroundAudioPlayerState().then((res) => {
      this.setState({ status: res.status, position: Math.floor(res.currentPosition || 0) })
    })
  }

  next () {
    this.setState({ index: (this.state.index + 1) % SONGS.length }, () => this.onPlayTap())
  }

  onPlayTap () {
    Taro.playBackgroundAudio({ dataUrl: SONGS[this.state.index] }).catch((err) => {
      this.setState({ errors: this.state.errors + err.errMsg })
    })
  }

  onPauseTap () {
    Taro.pauseBackgroundAudio()
  }

  onSeekTap () {
    Taro.seekBackgroundAudio({ position: 25 }).then((res) => this.setState({ seeked: res.errMsg }))
  }

  onAutoTap () {
    this.autoNext = true
  }

  onStopTap () {
    this.autoNext = false
    Taro.stopBackgroundAudio()
  }

  render () {
    const { index, status, position, stops, ownEnded, seeked, errors } = this.state
    return (
      <View>
        <Button id='play' onClick={this.onPlayTap}>Play</Button>
        <Button id='pause' onClick={this.onPauseTap}>Pause</Button>
        <Button id='seek' onClick={this.onSeekTap}>Seek</Button>
        <Button id='auto' onClick={this.onAutoTap}>Auto</Button>
        <Button id='stop' onClick={this.onStopTap}>Stop</Button>
        <Text id='status'>{status}</Text>
        <Text id='position'>{position}</Text>
        <Text id='stops'>{stops}</Text>
        <Text id='ownEnded'>{ownEnded}</Text>
        <Text id='index'>{index}</Text>
        <Text id='seeked'>{seeked}</Text>
        <Text id='errors'>{errors}</Text>
      </View>
    )
  }
}
