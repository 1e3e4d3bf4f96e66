import React, { useEffect, useRef } from 'react'
import Taro from '@tarojs/taro'
import { View, Button } from '@tarojs/components'
import { getRecorderManager } from 'record-compat-runtime'

export default function Memo () {
  const recorder = useRef(getRecorderManager())

  useEffect(() => {
    recorder.current.onStop((res) => {
      Taro.showToast({ title: `${Math.round(res.duration / 1000)} s`, icon: 'none' })
    })
  }, [])

  return (
    <View>
      <Button onClick={() => recorder.current.start({ format: 'aac' })}>Record</Button>
      <Button onClick={() => recorder.current.stop()}>Stop</Button>
    </View>
  )
}
