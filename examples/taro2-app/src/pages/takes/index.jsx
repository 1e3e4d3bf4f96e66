import Taro, { Component } from '@tarojs/taro'
import { View, Button, Text } from '@tarojs/components'

// Code that relies on what Taro 2 returned: Taro.startRecord and Taro.playVoice gave a Promise,
// resolved with the success result and rejected on failure even when callbacks were given.
export default class Takes extends Component {
  config = {
    navigationBarTitleText: 'Takes',
  }

  state = {
    status: 'idle',
    take: '',
    played: '',
    error: '',
    events: '',
  }

  // What ran, in order: the callbacks and the promise's handlers.
  note (event) {
    this.events = (this.events || []).concat(event)
    this.setState({ events: this.events.join(' ') })
  }

  onRecordTap () {
    this.setState({ status: 'recording', error: '' })
    Taro.startRecord({
      success: () => this.note('success'),
      fail: () => this.note('fail'),
    })
      .then((res) => {
        this.note('then')
        this.setState({ status: 'recorded', take: res.tempFilePath })
      })
      .catch((err) => {
        this.note('catch')
        this.setState({ status: 'failed', error: err.errMsg })
      })
  }

  async onRecordAwaitTap () {
    this.setState({ status: 'recording', error: '' })
    try {
      const res = await Taro.startRecord({ success: () => this.note('success') })
      this.note('awaited')
      this.setState({ status: 'recorded', take: res.tempFilePath })
    } catch (err) {
      this.note('caught')
      this.setState({ status: 'failed', error: err.errMsg })
    }
  }

  onStopTap () {
    Taro.stopRecord()
  }

  onPlayTap () {
    Taro.playVoice({
      filePath: this.state.take,
      success: () => this.note('success'),
    }).then((res) => {
      this.note('then')
      this.setState({ played: res.errMsg })
    })
  }

  onPlayMissingTap () {
    Taro.playVoice({
      filePath: 'wxfile://tmp/deleted-take.silk',
      fail: () => this.note('fail'),
    }).catch((err) => {
      this.note('catch')
      this.setState({ error: err.errMsg })
    })
  }

  render () {
    const { status, take, played, error, events } = this.state
    return (
      <View className='row'>
        <Button id='record' onClick={this.onRecordTap}>Record</Button>
        <Button id='record-await' onClick={this.onRecordAwaitTap}>Record (await)</Button>
        <Button id='stop' onClick={this.onStopTap}>Stop</Button>
        <Button id='play' onClick={this.onPlayTap}>Play the take</Button>
        <Button id='play-missing' onClick={this.onPlayMissingTap}>Play a deleted take</Button>
        <Text id='status'>{status}</Text>
        <Text id='take'>{take}</Text>
        <Text id='played'>{played}</Text>
        <Text id='error'>{error}</Text>
        <Text id='events'>{events}</Text>
      </View>
    )
  }
}
