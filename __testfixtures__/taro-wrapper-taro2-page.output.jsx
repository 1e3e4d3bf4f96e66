// A Taro 2 page: Taro's wrapper made these calls return a Promise, callbacks or not.
import Taro, { Component } from '@tarojs/taro'
import { View, Button } from '@tarojs/components'
import { startRecord, startRecordWrapped, stopRecord, playVoiceWrapped } from 'record-compat-runtime'

export default class Memo extends Component {
  record = async () => {
    Taro.showToast({ title: 'Recording' })
    const res = await startRecordWrapped({ fail: (err) => console.warn(err.errMsg) })
    this.setState({ file: res.tempFilePath })
  }

  stop = () => {
    stopRecord()
  }

  play = () => {
    playVoiceWrapped({ filePath: this.state.file, success: () => console.log('played') })
      .then(() => this.setState({ playing: false }))
      .catch(() => Taro.showToast({ title: 'Failed' }))
  }

  // The platform's own global keeps WeChat's rule, in a Taro 2 project too.
  native = () => {
    startRecord({ success: (res) => this.setState({ file: res.tempFilePath }) })
  }

  render() {
    return (
      <View>
        <Button onClick={this.record}>Record</Button>
        <Button onClick={this.stop}>Stop</Button>
        <Button onClick={this.play}>Play</Button>
      </View>
    )
  }
}
