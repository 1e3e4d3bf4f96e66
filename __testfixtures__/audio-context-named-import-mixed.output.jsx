import { useEffect, useRef } from 'react'
import { createAudioContext } from '@tarojs/taro'
import { View, Audio as TaroAudio } from '@tarojs/components'
import { createAudioContext as _createAudioContext } from 'record-compat-runtime'

// Two players on one page: the hidden one migrates, the one whose end the page hears stays
export default function Quiz({ onDone }) {
  const question = useRef(null)
  const answer = useRef(null)

  useEffect(() => {
    question.current = _createAudioContext({ id: 'question', src: 'https://example.com/q1.mp3', loop: true })
    answer.current = createAudioContext('answer')
    question.current.play()
  }, [])

  return (
    <View>
      <TaroAudio id="question" src="https://example.com/q1.mp3" loop />
      <TaroAudio id="answer" src="https://example.com/a1.mp3" onEnded={onDone} />
    </View>
  )
}
