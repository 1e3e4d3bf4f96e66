import React from 'react'
import { View, Button } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { startRecord, stopRecord } from 'record-compat-runtime'

// 按住说话 — press and hold to talk
export default function HoldToTalk({ onVoice }) {
  const handleStart = () => {
    startRecord({
      success: (res) => {
        onVoice(res.tempFilePath)
      },
      fail: (err) => {
        Taro.showToast({ title: '录音失败', icon: 'none' })
        console.log(err)
      }
    })
  }

  const handleEnd = () => {
    stopRecord()
  }

  return (
    <View className="hold-to-talk">
      <Button onTouchStart={handleStart} onTouchEnd={handleEnd}>按住说话</Button>
    </View>
  )
}
