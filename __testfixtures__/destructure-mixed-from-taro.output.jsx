import React, { Component } from 'react'
import Taro from '@tarojs/taro'
import { View, Button } from '@tarojs/components'
import { startRecord } from 'record-compat-runtime'

// showToast must keep coming from Taro; only startRecord is legacy.
const { showToast } = Taro

export default class FeedbackVoice extends Component {
  state = { file: null }

  record = () => {
    startRecord({
      success: ({ tempFilePath }) => {
        this.setState({ file: tempFilePath })
        showToast({ title: 'Saved', icon: 'success' })
      },
      fail: () => showToast({ title: 'Microphone unavailable', icon: 'none' })
    })
  }

  render () {
    return (
      <View>
        <Button onClick={this.record}>Leave voice feedback</Button>
        {this.state.file && <View className='hint'>1 clip attached</View>}
      </View>
    )
  }
}
