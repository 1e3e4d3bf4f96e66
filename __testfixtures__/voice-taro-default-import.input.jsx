import { Component } from 'react'
import Taro from '@tarojs/taro'
import { View, Button } from '@tarojs/components'

export default class VoiceNote extends Component {
  state = { playing: false }

  play = () => {
    this.setState({ playing: true })
    Taro.playVoice({
      filePath: this.props.file,
      complete: () => this.setState({ playing: false })
    })
  }

  componentWillUnmount() {
    Taro.stopVoice()
  }

  render() {
    return (
      <View>
        <Button onClick={this.play}>Play</Button>
      </View>
    )
  }
}
