import { Component } from 'react'
import Taro from '@tarojs/taro'
import { View, Button, Audio } from '@tarojs/components'
import { createAudioContext } from 'record-compat-runtime'

// A Taro class page: the <Audio> shows nothing, the buttons drive it through its context
export default class Lesson extends Component {
  audioCtx = null

  componentDidMount() {
    this.audioCtx = createAudioContext({ id: 'lesson-audio', src: 'https://example.com/lesson-1.mp3' })
  }

  play = () => this.audioCtx?.play()

  pause = () => this.audioCtx?.pause()

  render() {
    return (
      <View>
        <Audio id='lesson-audio' src='https://example.com/lesson-1.mp3' />
        <Button onClick={this.play}>Play</Button>
        <Button onClick={this.pause}>Pause</Button>
      </View>
    )
  }
}
