import Taro from '@tarojs/taro'
import { View, Text, Audio } from '@tarojs/components'

// One <Audio> per word, all with the same id: the list renders it 0 or N times
export default function Words({ words }) {
  const say = () => Taro.createAudioContext('say').play()

  return (
    <View>
      {words.map((word) => (
        <View key={word} onClick={say}>
          <Text>{word}</Text>
          <Audio id='say' src='/audio/word.mp3' />
        </View>
      ))}
    </View>
  )
}
