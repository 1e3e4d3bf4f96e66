import Taro, { Component } from '@tarojs/taro'
import Index from './pages/index'

import './app.css'

class App extends Component {
  config = {
    pages: [
      'pages/index/index',
      'pages/memo/index',
      'pages/classic/index',
      'pages/takes/index',
      'pages/music/index',
    ],
    window: {
      backgroundTextStyle: 'light',
      navigationBarBackgroundColor: '#fff',
      navigationBarTitleText: 'Voice notes',
      navigationBarTextStyle: 'black',
    },
  }

  componentDidMount () {
    console.log('voice notes launched')
  }

  // Taro 2: the App's render() has no effect; keep it as the template has it.
  render () {
    return <Index />
  }
}

Taro.render(<App />, document.getElementById('app'))
