import { Component } from 'react'
import Taro from '@tarojs/taro'
import { View, Button, Text } from '@tarojs/components'
import './index.scss'
import { startRecord, stopRecord } from 'record-compat-runtime'

export default class Diary extends Component {
  state = {
    recording: false,
    entries: []
  }

  componentWillUnmount () {
    // make sure the mic is released when the page goes away
    stopRecord()
  }

  handleRecord = () => {
    this.setState({ recording: true })
    startRecord({
      success: (res) => {
        this.setState(prev => ({
          recording: false,
          entries: [...prev.entries, res.tempFilePath]
        }))
      },
      fail: () => this.setState({ recording: false })
    })
  }

  handleStop = () => { stopRecord() }

  render () {
    const { recording, entries } = this.state
    return (
      <View className='diary'>
        <Text>{entries.length} entries</Text>
        <Button onClick={recording ? this.handleStop : this.handleRecord}>
          {recording ? 'Stop' : 'New entry'}
        </Button>
      </View>
    )
  }
}
