import Taro, { Component } from '@tarojs/taro'
import { View, Button, Text } from '@tarojs/components'

// The pattern from Taro's authorize() docs: ask for scope.record first,
// start recording once the user agreed.
export default class Index extends Component {
  config = {
    navigationBarTitleText: 'Record',
  }

  state = {
    status: 'idle',
    file: '',
    error: '',
  }

  record () {
    this.setState({ status: 'recording' })
    Taro.startRecord({
      success: (res) => {
        this.setState({ file: res.tempFilePath, status: 'done' })
      },
      fail: (err) => {
        this.setState({ error: err.errMsg, status: 'failed' })
      },
    })
  }

  onRecordTap () {
    this.setState({ error: '' })
    Taro.getSetting({
      success: (res) => {
        if (!res.authSetting['scope.record']) {
          Taro.authorize({
            scope: 'scope.record',
            success: () => {
              // The user agreed: startRecord will not ask again.
              this.record()
            },
            fail: (err) => {
              this.setState({ error: err.errMsg, status: 'denied' })
            },
          })
        } else {
          this.record()
        }
      },
    })
  }

  onStopTap () {
    Taro.stopRecord()
  }

  render () {
    const { status, file, error } = this.state
    return (
      <View className='row'>
        <Button id='record' onClick={this.onRecordTap}>Record</Button>
        <Button id='stop' onClick={this.onStopTap}>Stop</Button>
        <Text id='status'>{status}</Text>
        <Text id='file'>{file}</Text>
        <Text id='error'>{error}</Text>
      </View>
    )
  }
}
