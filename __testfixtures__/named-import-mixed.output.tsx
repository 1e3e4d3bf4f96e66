import React, { useState } from 'react'
import { View, Text } from '@tarojs/components'
import { showToast, vibrateShort } from '@tarojs/taro'
import { startRecord, stopRecord } from 'record-compat-runtime'

// showToast and vibrateShort are not part of the migration and must stay.
export function QuickMemo() {
  const [path, setPath] = useState<string>('')

  function begin() {
    vibrateShort({ type: 'light' })
    startRecord({
      success(res) {
        setPath(res.tempFilePath)
        showToast({ title: '已录制' })
      },
    })
  }

  return (
    <View onLongPress={begin} onTouchEnd={() => stopRecord()}>
      <Text>{path ? '已保存一段语音' : '长按录音'}</Text>
    </View>
  )
}
