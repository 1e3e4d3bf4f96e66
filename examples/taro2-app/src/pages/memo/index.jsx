import Taro, { Component } from '@tarojs/taro'
import { View, Button, Text } from '@tarojs/components'
import { recordMemo } from '../../utils/memo'

export default class Memo extends Component {
  config = {
    navigationBarTitleText: 'Memo',
  }

  state = {
    file: '',
    error: '',
  }

  onMemoTap () {
    recordMemo(
      (file) => this.setState({ file }),
      (error) => this.setState({ error }),
    )
  }

  render () {
    return (
      <View className='row'>
        <Button id='memo' onClick={this.onMemoTap}>Record a 5 s memo</Button>
        <Text id='file'>{this.state.file}</Text>
        <Text id='error'>{this.state.error}</Text>
      </View>
    )
  }
}
