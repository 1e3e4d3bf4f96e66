import { Component } from 'react'
import Taro from '@tarojs/taro'
import { View, Button } from '@tarojs/components'
import { playVoice, stopVoice } from 'record-compat-runtime'

export default class VoiceNote extends Component {
  state = { playing: false }

  play = () => {
    this.setState({ playing: true })
    playVoice({
      filePath: this.props.file,
      complete: () => this.setState({ playing: false })
    })
  }

  componentWillUnmount() {
    stopVoice()
  }

  render() {
    return (
      <View>
        <Button onClick={this.play}>Play</Button>
      </View>
    )
  }
}
