import { Component } from 'react'
import Taro from '@tarojs/taro'
import { View, Button, Text } from '@tarojs/components'
import VoiceNote from '../../components/VoiceNote'

// Record page: a class component from the Taro 2 era, moved to Taro 4 as is.
export default class RecordPage extends Component {
  state = {
    recording: false,
    files: []
  }

  componentWillUnmount () {
    Taro.stopRecord()
    Taro.stopVoice()
  }

  onStart = () => {
    Taro.authorize({
      scope: 'scope.record',
      success: () => {
        this.setState({ recording: true })
        Taro.startRecord({
          success: (res) => {
            this.setState(({ files }) => ({
              recording: false,
              files: [res.tempFilePath, ...files]
            }))
          },
          fail: () => {
            this.setState({ recording: false })
            Taro.showToast({ title: '录音失败', icon: 'none' })
          }
        })
      },
      fail: () => {
        Taro.showToast({ title: '请允许使用麦克风', icon: 'none' })
      }
    })
  }

  onStop = () => {
    Taro.stopRecord()
  }

  render () {
    const { recording, files } = this.state
    return (
      <View className='record-page'>
        <Button type='primary' onClick={recording ? this.onStop : this.onStart}>
          {recording ? '停止' : '开始录音'}
        </Button>
        <Text>{files.length} 段录音</Text>
        {files.map(path => <VoiceNote key={path} path={path} />)}
        <VoiceNote />
      </View>
    )
  }
}
