import Taro, { Component } from '@tarojs/taro'
import { View, Button, Text } from '@tarojs/components'

// Code ported from a native WeChat page: it talks to `wx` directly.
export default class Classic extends Component {
  config = {
    navigationBarTitleText: 'Classic',
  }

  state = {
    recording: false,
    path: '',
    errMsg: '',
  }

  componentWillUnmount () {
    // Legacy code stops defensively when the page goes away.
    wx.stopRecord()
  }

  start () {
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

  stop () {
    wx.stopRecord({
      success: (res) => {
        console.log('stopped', res.errMsg)
      },
    })
  }

  render () {
    const { recording, path, errMsg } = this.state
    return (
      <View className='row'>
        <Button id='start' onClick={this.start}>Start</Button>
        <Button id='stop' onClick={this.stop}>Stop</Button>
        <Text id='state'>{recording ? 'recording' : 'idle'}</Text>
        <Text id='path'>{path}</Text>
        <Text id='error'>{errMsg}</Text>
      </View>
    )
  }
}
