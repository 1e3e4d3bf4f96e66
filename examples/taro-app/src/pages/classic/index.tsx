import { Component } from 'react'
import { View, Button, Text } from '@tarojs/components'

interface State {
  recording: boolean
  path: string
  errMsg: string
  playing: boolean
}

// Code ported from a native WeChat page: it talks to `wx` directly.
export default class Classic extends Component<{}, State> {
  state: State = { recording: false, path: '', errMsg: '', playing: false }

  componentWillUnmount() {
    // Legacy code stops defensively when the page goes away.
    wx.stopRecord()
  }

  start = () => {
    this.setState({ recording: true, errMsg: '' })
    wx.startRecord({
      success: (res) => {
        this.setState({ path: res.tempFilePath })
      },
      fail: (res) => {
        this.setState({ errMsg: res.errMsg })
      },
      complete: () => {
        this.setState({ recording: false })
      },
    })
  }

  stop = () => {
    wx.stopRecord({
      success: (res) => {
        console.log('stopped', res.errMsg)
      },
    })
  }

  play = () => {
    this.setState({ playing: true })
    wx.playVoice({
      filePath: this.state.path,
      complete: () => {
        // complete: the voice has finished (or could not play)
        this.setState({ playing: false })
      },
    })
  }

  stopPlaying = () => {
    wx.stopVoice()
  }

  render() {
    const { recording, path, errMsg, playing } = this.state
    return (
      <View className='row'>
        <Button id='start' onClick={this.start}>Start</Button>
        <Button id='stop' onClick={this.stop}>Stop</Button>
        <Text id='state'>{recording ? 'recording' : 'idle'}</Text>
        <Text id='path'>{path}</Text>
        <Text id='error'>{errMsg}</Text>
        <Button id='play' onClick={this.play}>Play</Button>
        <Button id='stopVoice' onClick={this.stopPlaying}>Stop playing</Button>
        <Text id='playing'>{playing ? 'playing' : ''}</Text>
      </View>
    )
  }
}
