import { Component } from 'react'
import Taro from '@tarojs/taro'
import { Camera, View, Button } from '@tarojs/components'

// CameraContext has its own startRecord/stopRecord (video). Not the legacy API.
export default class VideoClip extends Component<{}, { video: string }> {
  ctx: Taro.CameraContext | null = null
  state = { video: '' }

  componentDidMount() {
    this.ctx = Taro.createCameraContext()
  }

  quickClip() {
    Taro.createCameraContext().startRecord({
      timeoutCallback: (res) => this.setState({ video: res.tempVideoPath }),
    })
  }

  begin = () => {
    this.ctx?.startRecord({ success: () => console.log('camera recording') })
  }

  end = () => {
    this.ctx!.stopRecord({
      success: (res) => this.setState({ video: res.tempVideoPath }),
    })
  }

  render() {
    return (
      <View>
        <Camera devicePosition='back' />
        <Button onClick={this.begin}>Start</Button>
        <Button onClick={this.end}>Stop</Button>
      </View>
    )
  }
}
